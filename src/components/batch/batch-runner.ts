import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { Checkpoint } from './checkpoint/checkpoint.ts';
import { NoCheckpoint } from './checkpoint/no-checkpoint.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { DownstreamCaller, DownstreamService } from '../servers/downstream-service.ts';
import { FailureClass } from '../resilience/retry/failure-class.ts';
import { NoRetry } from '../resilience/retry/no-retry.ts';
import type { RetryPolicy } from '../resilience/retry/retry-policy.ts';
import { covering } from '../plumbing/grow.ts';

/** Told when a run of the batch ends: `ok` if it went through all its items. */
export interface BatchRunListener {
  runFinished(ok: boolean): void;
}

export interface BatchRunnerOptions {
  /**
   * Names the metrics `<name>_in_flight`, `<name>_items_sent`, `<name>_items_resumed`,
   * `<name>_item_failures`, `<name>_failed_items`, `<name>_errors_swallowed`,
   * `<name>_stops_bad_data`, `<name>_stops_downstream_error`, `<name>_retries`,
   * `<name>_retry_successes`.
   */
  readonly name: string;
  /** Each item is one request to this service; the item index is the request's key. */
  readonly downstream: DownstreamService;
  /** Items in flight at once. */
  readonly concurrency: number;
  /** One byte per item, 1 where the item's data makes processing throw (a permanent failure). Its length is the number of items. */
  readonly badItems: Uint8Array;
  /**
   * Where the batch records the items it has finished (a per-item state, as a workflow moves a
   * user on); a run skips the items recorded. An item is recorded when its downstream call
   * succeeds, or when it is reported as failed. @default NoCheckpoint
   */
  readonly checkpoint?: Checkpoint;
  /**
   * What an item whose data makes processing throw does. 'stop': the exception aborts the
   * whole run. 'skip': the item fails, unrecorded, and the run goes on; the next run tries it
   * again (and it fails again). 'report': the item is skipped and reported, recorded as
   * handled, never tried again. @default 'stop'
   */
  readonly onItemFailure?: 'stop' | 'skip' | 'report';
  /**
   * 'swallow': a downstream error reaches nobody (no feedback upstream) and the run goes on;
   * the item stays unrecorded, for the next run. 'stop': the error is seen: the item is
   * retried by `retry`, and when the policy gives up the run aborts and the item stays
   * unrecorded. @default 'swallow'
   */
  readonly onDownstreamError?: 'swallow' | 'stop';
  /** Retries of a seen downstream error (always transient: the data was fine). @default NoRetry */
  readonly retry?: RetryPolicy;
}

const FINISHED = 0;
const RETRY = 1;

/**
 * The calling service's batch job: sends its items, in order, to a downstream service with
 * bounded concurrency. An abort is an exception that ends the job at once: requests already
 * sent still run (and may commit) at the downstream, but the job never reads their responses,
 * so it never checkpoints them.
 */
export class BatchRunner implements EventHandler, DownstreamCaller {
  listener: BatchRunListener = { runFinished() {} };
  readonly inFlight: Gauge;
  readonly itemsSent: Counter;
  readonly itemsResumed: Counter;
  readonly itemFailures: Counter;
  /** Distinct items that failed with a data error. */
  readonly failedItems: Gauge;
  readonly errorsSwallowed: Counter;
  readonly stopsBadData: Counter;
  readonly stopsDownstreamError: Counter;
  readonly retries: Counter;
  /** Calls that succeeded on a retry. */
  readonly retrySuccesses: Counter;
  private readonly checkpoint: Checkpoint;
  private readonly retry: RetryPolicy;
  private readonly failedSeen: Uint8Array;
  private readonly jobType: number;
  private readonly skipFailures: boolean;
  private readonly reportFailures: boolean;
  private readonly swallowErrors: boolean;
  /** Run number each job was sent in; responses from an aborted run are stale. */
  private jobRun = new Int32Array(64);
  /** The backoff chosen before each job's previous retry, seconds (decorrelated jitter grows from it). */
  private jobPrevDelayS = new Float64Array(64);
  private run = 0;
  private running = false;
  private cursor = 0;
  private end = 0;
  private sent = 0;

  constructor(private readonly env: ComponentEnv, private readonly opts: BatchRunnerOptions) {
    const { name } = opts;
    if (!(opts.concurrency >= 1 && Number.isInteger(opts.concurrency))) throw new RangeError(`${name}: concurrency must be a whole number >= 1, got ${opts.concurrency}`);
    const m = env.metrics;
    this.inFlight = m.gauge(`${name}_in_flight`);
    this.itemsSent = m.counter(`${name}_items_sent`);
    this.itemsResumed = m.counter(`${name}_items_resumed`);
    this.itemFailures = m.counter(`${name}_item_failures`);
    this.failedItems = m.gauge(`${name}_failed_items`);
    this.errorsSwallowed = m.counter(`${name}_errors_swallowed`);
    this.stopsBadData = m.counter(`${name}_stops_bad_data`);
    this.stopsDownstreamError = m.counter(`${name}_stops_downstream_error`);
    this.retries = m.counter(`${name}_retries`);
    this.retrySuccesses = m.counter(`${name}_retry_successes`);
    this.checkpoint = opts.checkpoint ?? new NoCheckpoint();
    this.retry = opts.retry ?? new NoRetry();
    this.failedSeen = new Uint8Array(opts.badItems.length);
    this.jobType = env.jobs.typeId(name);
    const onItemFailure = opts.onItemFailure ?? 'stop';
    this.skipFailures = onItemFailure !== 'stop';
    this.reportFailures = onItemFailure === 'report';
    this.swallowErrors = (opts.onDownstreamError ?? 'swallow') === 'swallow';
    opts.downstream.caller = this;
  }

  get items(): number {
    return this.opts.badItems.length;
  }

  /** Starts a run over items [from, to); `listener.runFinished` follows in a later event. */
  start(from: number, to: number): void {
    if (this.running) throw new Error(`${this.opts.name}: start while a run is in progress`);
    this.running = true;
    this.run++;
    this.cursor = from;
    this.end = Math.min(to, this.items);
    this.sent = 0;
    this.fill();
  }

  downstreamResponse(job: number, ok: boolean): void {
    const { jobs } = this.env;
    const item = jobs.data[job]!;
    if (this.isStale(job)) return jobs.release(job);
    if (!ok && !this.swallowErrors) {
      const retry = ++jobs.attempts[job]!;
      const delayS = this.retry.retryDelayS(retry, FailureClass.transient, this.jobPrevDelayS[job]!);
      if (delayS >= 0) {
        // The item stays in flight while it waits.
        this.jobPrevDelayS[job] = delayS;
        this.retries.add();
        this.env.sim.schedule(delayS, this, RETRY, job);
        return;
      }
      jobs.release(job);
      this.stopsDownstreamError.add();
      this.abort();
      return;
    }
    if (ok && jobs.attempts[job]! > 0) this.retrySuccesses.add();
    jobs.release(job);
    this.sent--;
    this.inFlight.set(this.sent);
    if (ok) {
      this.retry.recordSuccess();
      this.checkpoint.markDone(item);
    } else this.errorsSwallowed.add();
    this.fill();
  }

  handleEvent(tag: number, arg: number): void {
    if (tag === FINISHED) this.listener.runFinished(arg === 1);
    else if (this.isStale(arg)) this.env.jobs.release(arg);
    else this.opts.downstream.request(arg);
  }

  /** True for a job sent by a run that has since aborted. */
  private isStale(job: number): boolean {
    return this.jobRun[job] !== this.run || !this.running;
  }

  private fill(): void {
    const { sim, jobs } = this.env;
    const bad = this.opts.badItems;
    while (this.running && this.sent < this.opts.concurrency && this.cursor < this.end) {
      const item = this.cursor++;
      if (this.checkpoint.isDone(item)) {
        this.itemsResumed.add();
        continue;
      }
      if (bad[item] === 1) {
        this.itemFailures.add();
        if (this.failedSeen[item] === 0) {
          this.failedSeen[item] = 1;
          this.failedItems.add(1);
        }
        if (this.skipFailures) {
          if (this.reportFailures) this.checkpoint.markDone(item);
          continue;
        }
        this.stopsBadData.add();
        this.abort();
        return;
      }
      const job = jobs.create(sim.now, this.jobType);
      jobs.data[job] = item;
      if (job >= this.jobRun.length) this.growJobArrays(job);
      this.jobRun[job] = this.run;
      this.jobPrevDelayS[job] = 0;
      this.sent++;
      this.itemsSent.add();
      this.inFlight.set(this.sent);
      this.opts.downstream.request(job);
    }
    if (this.running && this.cursor >= this.end && this.sent === 0) {
      this.running = false;
      // Reported in an event of its own, so a listener that starts the next run does not
      // re-enter this one.
      sim.schedule(0, this, FINISHED, 1);
    }
  }

  private abort(): void {
    this.running = false;
    this.run++;
    this.sent = 0;
    this.inFlight.set(0);
    this.env.sim.schedule(0, this, FINISHED, 0);
  }

  private growJobArrays(job: number): void {
    this.jobRun = covering(this.jobRun, job);
    this.jobPrevDelayS = covering(this.jobPrevDelayS, job);
  }
}
