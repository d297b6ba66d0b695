import type { Experiment } from '../sweep/experiment.ts';
import type { JobMetrics } from '../sweep/point-summary.ts';
import type { JobRequest } from '../sweep/thread-pool.ts';

/**
 * Where a check file's runs execute: in this thread, on the sweep's worker threads, or
 * anything else that returns the same numbers. Runs are pure functions of (model, params,
 * seed, duration), so the backend can never change a verdict, only the wall time.
 */
export interface RunBackend {
  /** Runs every job; `result[k]` belongs to `jobs[k]`. */
  run(exp: Experiment, jobs: readonly JobRequest[]): Promise<JobMetrics[]>;
}
