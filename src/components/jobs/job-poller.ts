import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { JobQueue } from './job-queue.ts';
import type { JobSink } from './job-sink.ts';
import { ReleaseJob } from './release-job.ts';

export interface JobPollerOptions {
  /** Names the metrics `<name>_executing`, `<name>_started`, `<name>_polls`. */
  readonly name: string;
  /** The ready jobs (a jobs table); its consumer is left unset, since the poller pulls. */
  readonly queue: JobQueue;
  /** Seconds between polls; polls happen at intervalS, 2 intervalS, ... */
  readonly intervalS: number;
  /** The LIMIT of each poll's fetch; Infinity fetches every ready job. */
  readonly batchSize: number;
  /** Jobs running at once; Infinity starts every fetched job at once (`Promise.all`). */
  readonly concurrency: number;
  /** Runs a job; it must hand the job to `poller.finished` when the job is over. */
  readonly run: JobSink;
  /** Where finished jobs go. @default released from the job store */
  readonly next?: JobSink;
}

const POLL = 1;

/**
 * A worker process's job loop: every interval it fetches up to min(batch size, free
 * concurrency slots) ready jobs from the queue, oldest first, and starts them all at once.
 * A finished job frees its slot for the next poll, not at once: between polls nothing new
 * starts, as with a `setInterval(poll)` worker.
 *
 * `<name>_executing` counts jobs started and not finished, whether they are running or
 * waiting for a resource (a connection) inside the worker.
 */
export class JobPoller implements EventHandler {
  readonly executing: Gauge;
  readonly started: Counter;
  readonly polls: Counter;
  /** Hand a job here when it is over (done or failed); frees its slot. */
  readonly finished: JobSink;
  private running = 0;
  private tick = 0;
  private readonly next: JobSink;

  constructor(private readonly env: ComponentEnv, private readonly opts: JobPollerOptions) {
    if (!(opts.intervalS > 0)) throw new RangeError(`${opts.name}: poll interval must be > 0 s, got ${opts.intervalS}`);
    if (!(opts.batchSize >= 1)) throw new RangeError(`${opts.name}: batch size must be >= 1, got ${opts.batchSize}`);
    if (!(opts.concurrency >= 1)) throw new RangeError(`${opts.name}: concurrency must be >= 1, got ${opts.concurrency}`);
    const m = env.metrics;
    this.executing = m.gauge(`${opts.name}_executing`);
    this.started = m.counter(`${opts.name}_started`);
    this.polls = m.counter(`${opts.name}_polls`);
    this.next = opts.next ?? new ReleaseJob(env.jobs);
    this.finished = { accept: (job) => this.finish(job) };
    this.tick = Math.floor(env.sim.now / opts.intervalS);
    this.scheduleNextPoll();
  }

  /** Jobs started and not finished. */
  get inFlight(): number {
    return this.running;
  }

  handleEvent(): void {
    const { queue, batchSize, concurrency, run } = this.opts;
    this.polls.add();
    const fetch = Math.min(batchSize, concurrency - this.running, queue.length);
    if (fetch > 0) {
      this.running += fetch;
      this.executing.set(this.running);
      this.started.add(fetch);
      // Fetched as one batch (one SELECT ... LIMIT), then started one by one.
      for (let i = 0; i < fetch; i++) run.accept(queue.take());
    }
    this.scheduleNextPoll();
  }

  private finish(job: number): void {
    this.running--;
    this.executing.set(this.running);
    this.next.accept(job);
  }

  // Absolute tick times (k * interval), so a long run does not accumulate rounding drift.
  private scheduleNextPoll(): void {
    this.tick++;
    this.env.sim.at(this.tick * this.opts.intervalS, this, POLL);
  }
}
