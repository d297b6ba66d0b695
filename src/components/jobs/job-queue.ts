import type { Simulation } from '../../kernel/simulation.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { ComponentEnv } from '../component-env.ts';
import { Fifo } from '../disciplines/fifo.ts';
import type { QueueDiscipline } from '../disciplines/queue-discipline.ts';
import type { JobSink } from './job-sink.ts';
import type { JobStore } from './job-store.ts';

/** Told when a queue goes from having nothing to offer to having a job. */
export interface JobConsumer {
  jobAvailable(): void;
}

/**
 * Jobs waiting for a consumer (a worker pool, a poller). Reports `<name>_depth`.
 * Consumers pull with `take()`; `consumer.jobAvailable()` is called on every arrival.
 */
export class JobQueue implements JobSink {
  consumer: JobConsumer | null = null;
  readonly depth: Gauge;
  private readonly sim: Simulation;
  private readonly jobs: JobStore;

  constructor(
    env: ComponentEnv,
    readonly name: string,
    readonly discipline: QueueDiscipline = new Fifo(),
  ) {
    this.depth = env.metrics.gauge(`${name}_depth`);
    this.sim = env.sim;
    this.jobs = env.jobs;
  }

  get length(): number {
    return this.discipline.length;
  }

  accept(job: number): void {
    const jobs = this.jobs;
    jobs.enqueuedAt[job] = this.sim.now;
    this.discipline.push(job, jobs.priority[job]!);
    this.depth.set(this.discipline.length);
    if (this.consumer !== null) this.consumer.jobAvailable();
  }

  /** The next job by the discipline, or -1 when empty. */
  take(): number {
    const job = this.discipline.pop();
    if (job >= 0) this.depth.set(this.discipline.length);
    return job;
  }

  remove(job: number): boolean {
    const removed = this.discipline.remove(job);
    if (removed) this.depth.set(this.discipline.length);
    return removed;
  }

  /** Age in seconds of the job that has waited longest (0 when empty). */
  oldestAgeS(): number {
    let oldest = Infinity;
    const enq = this.jobs.enqueuedAt;
    this.discipline.forEach((job) => {
      if (enq[job]! < oldest) oldest = enq[job]!;
    });
    return oldest === Infinity ? 0 : this.sim.now - oldest;
  }
}
