import type { RunLimits } from '../kernel/run-limits.ts';
import type { JobMetrics } from '../sweep/point-summary.ts';
import type { JobRequest } from '../sweep/thread-pool.ts';
import { InProcessBackend } from './in-process-backend.ts';
import type { RunBackend, RunTarget } from './run-backend.ts';
import { ThreadBackend } from './thread-backend.ts';

/**
 * Chooses per check file between this thread and worker threads. A worker thread costs
 * about a second or two to start (it loads sim and the model), more than most check runs
 * take; so the first run goes in this thread and is timed, and the rest go to threads only
 * when they would take longer than `threadsWorthS` in this thread.
 */
export class AutoBackend implements RunBackend {
  private readonly local: InProcessBackend;

  constructor(
    private readonly threads: number,
    /** Wall clock in milliseconds; injected because only the CLI may read it. */
    private readonly nowMs: () => number,
    private readonly threadsWorthS = 4,
    private readonly limits?: RunLimits,
  ) {
    this.local = new InProcessBackend(limits);
  }

  async run(exp: RunTarget, jobs: readonly JobRequest[]): Promise<JobMetrics[]> {
    if (jobs.length === 0) return [];
    const t0 = this.nowMs();
    const first = await this.local.run(exp, jobs.slice(0, 1));
    const rest = jobs.slice(1);
    const restS = (((this.nowMs() - t0) / 1000) * rest.length);
    const backend = this.threads > 1 && rest.length > 1 && restS > this.threadsWorthS ? new ThreadBackend(this.threads, this.limits) : this.local;
    return [...first, ...(await backend.run(exp, rest))];
  }
}
