import type { Counter } from '../../metrics/counter.ts';
import type { Histogram } from '../../metrics/histogram.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { JobSink } from './job-sink.ts';

/**
 * Where finished jobs leave the system: counts them (`<name>_jobs`), records their time in
 * the system since creation (`<name>_sojourn_s`) and releases them from the job store.
 */
export class Departures implements JobSink {
  readonly count: Counter;
  readonly sojourn: Histogram;

  constructor(private readonly env: ComponentEnv, readonly name: string) {
    this.count = env.metrics.counter(`${name}_jobs`);
    this.sojourn = env.metrics.histogram(`${name}_sojourn_s`);
  }

  accept(job: number): void {
    const jobs = this.env.jobs;
    this.count.add();
    this.sojourn.recordSince(jobs.createdAt, job);
    jobs.release(job);
  }
}
