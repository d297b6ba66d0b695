import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { BatchRunListener, BatchRunner } from './batch-runner.ts';
import type { ComponentEnv } from '../component-env.ts';

/** Told when the batch as a whole starts, stops short (a failure anyone can see) or completes. */
export interface BatchObserver {
  batchStarted(): void;
  batchStopped(): void;
  batchCompleted(): void;
}

export interface BatchTriggerOptions {
  /**
   * Names the metrics `<name>_presses`, `<name>_requests`, `<name>_requests_rejected`,
   * `<name>_stops`, `<name>_completions`, `<name>_running`.
   */
  readonly name: string;
  readonly runner: BatchRunner;
  /** Items per request. @default Infinity (every id in one request) */
  readonly chunkSize?: number;
  /** Characters each item id adds to the request (the id and its separator). */
  readonly idChars: number;
  /** Characters of the request line and headers apart from the ids. @default 0 */
  readonly overheadChars?: number;
  /** Longest request the batch service accepts; a longer one is rejected outright (HTTP 414). @default Infinity */
  readonly limitChars?: number;
}

const IDLE = 0;
const RUNNING = 1;
const STOPPED = 2;
const COMPLETED = 3;

/**
 * The button that starts the batch: it passes the item ids in the request (all of them, or a
 * chunk per request, sent one after another) and reports the batch's fate to its observers.
 * A request longer than the limit is rejected before any item runs; a run that aborts stops
 * the batch; the next press starts again from the first chunk.
 */
export class BatchTrigger implements BatchRunListener {
  readonly presses: Counter;
  readonly requests: Counter;
  readonly rejected: Counter;
  readonly stops: Counter;
  readonly completions: Counter;
  readonly running: Gauge;
  private readonly observers: BatchObserver[] = [];
  private readonly perRequest: number;
  private state = IDLE;
  private chunk = 0;

  constructor(env: ComponentEnv, private readonly opts: BatchTriggerOptions) {
    const { name } = opts;
    const chunkSize = opts.chunkSize ?? Infinity;
    if (!(chunkSize >= 1)) throw new RangeError(`${name}: chunkSize must be >= 1, got ${chunkSize}`);
    const m = env.metrics;
    this.presses = m.counter(`${name}_presses`);
    this.requests = m.counter(`${name}_requests`);
    this.rejected = m.counter(`${name}_requests_rejected`);
    this.stops = m.counter(`${name}_stops`);
    this.completions = m.counter(`${name}_completions`);
    this.running = m.gauge(`${name}_running`);
    this.perRequest = Math.max(1, Math.min(opts.runner.items, chunkSize));
    opts.runner.listener = this;
  }

  observe(observer: BatchObserver): void {
    this.observers.push(observer);
  }

  /** True while a run is in progress. */
  get busy(): boolean {
    return this.state === RUNNING;
  }

  /** True when the last run stopped short and nobody has pressed since. */
  get stopped(): boolean {
    return this.state === STOPPED;
  }

  get completed(): boolean {
    return this.state === COMPLETED;
  }

  /** Request length in characters for a request carrying `ids` item ids. */
  requestChars(ids: number): number {
    return (this.opts.overheadChars ?? 0) + ids * this.opts.idChars;
  }

  /** Starts the batch from its first chunk; ignored while a run is in progress. */
  press(): void {
    if (this.state === RUNNING) return;
    this.presses.add();
    this.state = RUNNING;
    this.running.set(1);
    this.chunk = 0;
    for (const o of this.observers) o.batchStarted();
    this.send();
  }

  runFinished(ok: boolean): void {
    if (!ok) return this.stop();
    this.chunk++;
    if (this.chunk * this.perRequest >= this.opts.runner.items) this.complete();
    else this.send();
  }

  private send(): void {
    const items = this.opts.runner.items;
    if (items === 0) return this.complete();
    const from = this.chunk * this.perRequest;
    const to = Math.min(items, from + this.perRequest);
    this.requests.add();
    if (this.requestChars(to - from) > (this.opts.limitChars ?? Infinity)) {
      this.rejected.add();
      return this.stop();
    }
    this.opts.runner.start(from, to);
  }

  private stop(): void {
    this.state = STOPPED;
    this.stops.add();
    this.running.set(0);
    for (const o of this.observers) o.batchStopped();
  }

  private complete(): void {
    this.state = COMPLETED;
    this.completions.add();
    this.running.set(0);
    for (const o of this.observers) o.batchCompleted();
  }
}
