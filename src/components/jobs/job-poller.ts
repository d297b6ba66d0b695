import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { ComponentEnv } from '../component-env.ts';
import { RingBuffer } from '../disciplines/ring-buffer.ts';
import type { JobQueue } from './job-queue.ts';
import type { JobSink } from './job-sink.ts';
import { ReleaseJob } from './release-job.ts';

export interface JobPollerOptions {
  /** Names the metrics `<name>_executing`, `<name>_held`, `<name>_started`, `<name>_polls`. */
  readonly name: string;
  /** The ready jobs (a jobs table); its consumer is left unset, since the poller pulls. */
  readonly queue: JobQueue;
  /** Seconds between polls; polls happen at intervalS, 2 intervalS, ... */
  readonly intervalS: number;
  /** The LIMIT of each poll's fetch; Infinity fetches every ready job. */
  readonly batchSize: number;
  /**
   * Jobs of the fetched batch running at once: Infinity starts them all (`Promise.all`), 1 runs
   * them one after another (`for (const job of batch) await run(job)`).
   */
  readonly concurrency: number;
  /** Runs a job; it must hand the job to `poller.finished` when the job is over. */
  readonly run: JobSink;
  /** Where finished jobs go. @default released from the job store */
  readonly next?: JobSink;
  /**
   * A gauge shared by several pollers (e.g. `jobs_executing` over a scheduled-jobs poller and
   * a background worker), moved by this poller's count of executing jobs. @default none
   */
  readonly executingTotal?: Gauge;
}

const POLL = 1;

/**
 * A worker process's job loop over a jobs table. Every interval it fetches up to `batchSize`
 * ready jobs, oldest first (one `SELECT ... LIMIT`), unless it still holds jobs of its last
 * fetch that have not started. It runs what it fetched with at most `concurrency` at once,
 * back to back: when a job finishes, the next fetched job starts at once, without waiting for
 * the next poll. With unbounded concurrency every fetched job starts at the poll, and each poll
 * fetches again whether or not earlier jobs have finished (a `setInterval` loop that does not
 * await its `Promise.all`).
 *
 * `<name>_executing` counts jobs started and not finished, whether they are running or waiting
 * for a resource (a connection) inside the worker; `<name>_held`, jobs fetched and not started.
 */
export class JobPoller implements EventHandler {
  readonly executing: Gauge;
  /** Jobs fetched from the table and waiting for one of the worker's slots. */
  readonly heldGauge: Gauge;
  readonly started: Counter;
  readonly polls: Counter;
  /** Hand a job here when it is over (done or failed); frees its slot. */
  readonly finished: JobSink;
  private running = 0;
  private tick = 0;
  private readonly held = new RingBuffer(64);
  private starting = false;
  private readonly next: JobSink;
  private readonly total: Gauge | null;

  constructor(private readonly env: ComponentEnv, private readonly opts: JobPollerOptions) {
    if (!(opts.intervalS > 0)) throw new RangeError(`${opts.name}: poll interval must be > 0 s, got ${opts.intervalS}`);
    if (!(opts.batchSize >= 1)) throw new RangeError(`${opts.name}: batch size must be >= 1, got ${opts.batchSize}`);
    if (!(opts.concurrency >= 1)) throw new RangeError(`${opts.name}: concurrency must be >= 1, got ${opts.concurrency}`);
    const m = env.metrics;
    this.executing = m.gauge(`${opts.name}_executing`);
    this.heldGauge = m.gauge(`${opts.name}_held`);
    this.started = m.counter(`${opts.name}_started`);
    this.polls = m.counter(`${opts.name}_polls`);
    this.next = opts.next ?? new ReleaseJob(env.jobs);
    this.total = opts.executingTotal ?? null;
    this.finished = { accept: (job) => this.finish(job) };
    this.tick = Math.floor(env.sim.now / opts.intervalS);
    this.scheduleNextPoll();
  }

  /** Jobs started and not finished. */
  get inFlight(): number {
    return this.running;
  }

  /** Jobs fetched and not yet started. */
  get heldCount(): number {
    return this.held.length;
  }

  handleEvent(): void {
    const { queue, batchSize } = this.opts;
    this.polls.add();
    if (this.held.length === 0) {
      const fetch = Math.min(batchSize, queue.length);
      for (let i = 0; i < fetch; i++) this.held.push(queue.take());
      if (fetch > 0) this.heldGauge.set(this.held.length);
    }
    this.startHeld();
    this.scheduleNextPoll();
  }

  /** Starts fetched jobs while slots are free: all at once with unbounded concurrency. */
  private startHeld(): void {
    const { concurrency, run } = this.opts;
    // A job that finishes inside `run.accept` calls this again: the loop below, still running,
    // starts the next one, so the stack does not grow with the batch.
    if (this.starting) return;
    this.starting = true;
    while (this.running < concurrency && this.held.length > 0) {
      const job = this.held.shift();
      this.running++;
      this.executing.set(this.running);
      this.total?.add(1);
      this.started.add();
      this.heldGauge.set(this.held.length);
      run.accept(job);
    }
    this.starting = false;
  }

  private finish(job: number): void {
    this.running--;
    this.executing.set(this.running);
    this.total?.add(-1);
    this.next.accept(job);
    this.startHeld();
  }

  // Absolute tick times (k * interval), so a long run does not accumulate rounding drift.
  private scheduleNextPoll(): void {
    this.tick++;
    this.env.sim.at(this.tick * this.opts.intervalS, this, POLL);
  }
}
