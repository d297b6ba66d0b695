import type { Counter } from '../../metrics/counter.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { FailureSink } from './failure-sink.ts';
import type { JobSink } from '../jobs/job-sink.ts';

/**
 * Where jobs end that failed for good: counts them (`<name>`, a plain count) and releases
 * them. The default failure sink of a process pool: no retry, no dead letter.
 */
export class FailedJobs implements JobSink, FailureSink {
  readonly count: Counter;

  constructor(private readonly env: ComponentEnv, readonly name: string) {
    this.count = env.metrics.counter(name);
  }

  accept(job: number): void {
    this.count.add();
    this.env.jobs.release(job);
  }

  attemptFailed(job: number): void {
    this.accept(job);
  }

  attemptSucceeded(): void {}
}
