import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Distribution } from '../../kernel/distributions/distribution.ts';
import type { Rng } from '../../kernel/rng.ts';
import type { Simulation } from '../../kernel/simulation.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { Histogram } from '../../metrics/histogram.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { JobConsumer, JobQueue } from '../jobs/job-queue.ts';
import type { JobStore } from '../jobs/job-store.ts';
import type { JobSink } from '../jobs/job-sink.ts';
import { IdleStack } from '../plumbing/idle-stack.ts';

export interface WorkerPoolOptions {
  /** Names the random stream and the metrics `<name>_busy`, `<name>_wait_s`, `<name>_completed`. */
  readonly name: string;
  /** Number of workers (servers). */
  readonly workers: number;
  readonly queue: JobQueue;
  /** Service time in seconds: one distribution, or one per job type index. */
  readonly service: Distribution | readonly Distribution[];
  /** Where finished jobs go; when absent they are released from the job store. */
  readonly next?: JobSink;
}

const DONE = 1;

/**
 * N workers taking jobs from a queue; each holds its job for a service time drawn from the
 * job type's distribution. A worker that finishes takes the next job at once.
 */
export class WorkerPool implements EventHandler, JobConsumer {
  readonly busy: Gauge;
  readonly wait: Histogram;
  readonly completed: Counter;
  /** Jobs that found no idle worker and waited in the queue. */
  readonly waited: Counter;
  private readonly rng: Rng;
  private readonly services: readonly Distribution[];
  /** The service time of every job when there is one distribution (no look-up by type). */
  private readonly service: Distribution | null;
  private readonly jobOf: Int32Array;
  private readonly idle: IdleStack;
  // The per-job paths read these often: kept here, one load away, rather than in env and opts.
  private readonly sim: Simulation;
  private readonly jobs: JobStore;
  private readonly queue: JobQueue;
  private readonly next: JobSink | null;
  private readonly n: number;

  constructor(env: ComponentEnv, private readonly opts: WorkerPoolOptions) {
    if (!(opts.workers >= 1 && Number.isInteger(opts.workers))) throw new RangeError(`${opts.name}: workers must be a whole number >= 1, got ${opts.workers}`);
    const m = env.metrics;
    this.busy = m.gauge(`${opts.name}_busy`);
    this.wait = m.histogram(`${opts.name}_wait_s`);
    this.completed = m.counter(`${opts.name}_completed`);
    this.waited = m.counter(`${opts.name}_waited`);
    this.rng = env.sim.rng(opts.name);
    this.services = Array.isArray(opts.service) ? (opts.service as readonly Distribution[]) : [opts.service as Distribution];
    this.service = this.services.length === 1 ? this.services[0]! : null;
    this.sim = env.sim;
    this.jobs = env.jobs;
    this.queue = opts.queue;
    this.next = opts.next ?? null;
    this.n = opts.workers;
    this.jobOf = new Int32Array(opts.workers).fill(-1);
    this.idle = new IdleStack(opts.workers);
    opts.queue.consumer = this;
  }

  get workers(): number {
    return this.opts.workers;
  }

  jobAvailable(): void {
    const queue = this.queue;
    const idle = this.idle;
    while (idle.count > 0 && queue.length > 0) this.start(idle.pop(), queue.take());
    if (queue.length > 0) this.waited.add();
  }

  handleEvent(_tag: number, worker: number): void {
    const job = this.jobOf[worker]!;
    this.jobOf[worker] = -1;
    this.completed.add();
    const next = this.queue.take();
    if (next >= 0) this.start(worker, next);
    else {
      this.idle.push(worker);
      this.busy.set(this.n - this.idle.count);
    }
    if (this.next !== null) this.next.accept(job);
    else this.jobs.release(job);
  }

  private start(worker: number, job: number): void {
    const sim = this.sim;
    const jobs = this.jobs;
    const now = sim.now;
    this.jobOf[worker] = job;
    jobs.startedAt[job] = now;
    this.wait.recordSince(jobs.enqueuedAt, job);
    this.busy.set(this.n - this.idle.count);
    const service = this.service ?? this.serviceOf(jobs.type[job]!);
    sim.nextIn = service.sample(this.rng);
    sim.postNextIn(this, DONE, worker);
  }

  /** The service time distribution of a job type (the first one for types beyond the list). */
  private serviceOf(type: number): Distribution {
    return this.services[type < this.services.length ? type : 0]!;
  }
}
