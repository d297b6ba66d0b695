import type { RunLimits } from '../kernel/run-limits.ts';
import type { JobMetrics } from '../sweep/point-summary.ts';
import { type JobRequest, ThreadPool } from '../sweep/thread-pool.ts';
import type { RunBackend, RunTarget } from './run-backend.ts';

/** Runs jobs on the sweep runner's worker threads (`sim sweep --jobs`), `threads` at a time. */
export class ThreadBackend implements RunBackend {
  constructor(
    private readonly threads: number,
    private readonly limits?: RunLimits,
  ) {}

  async run(exp: RunTarget, jobs: readonly JobRequest[]): Promise<JobMetrics[]> {
    // The pool reports by job index; requests are renumbered so any job list works.
    const results = new Array<JobMetrics>(jobs.length);
    const requests = jobs.map((j, k) => ({ ...j, index: k }));
    await new ThreadPool(this.threads, { modelFile: exp.modelFile, ...(this.limits ? { limits: this.limits } : {}) }).run(requests, (k, m) => (results[k] = m));
    return results;
  }
}
