import type { JobSink } from './job-sink.ts';
import type { JobStore } from './job-store.ts';

/** The do-nothing end of a pipeline: the job leaves the system uncounted and its id is reused. */
export class ReleaseJob implements JobSink {
  constructor(private readonly jobs: JobStore) {}
  accept(job: number): void {
    this.jobs.release(job);
  }
}
