import type { Experiment } from '../sweep/experiment.ts';
import type { JobMetrics } from '../sweep/point-summary.ts';
import type { JobRequest } from '../sweep/thread-pool.ts';

/**
 * Where a check file's runs execute: in this thread, on the sweep's worker threads, or
 * anything else that returns the same numbers. Runs are pure functions of (model, params,
 * seed, duration), so the backend can never change a verdict, only the wall time.
 */
/** What a backend needs of an experiment: the model, and its file for worker threads. */
export type RunTarget = Pick<Experiment, 'model' | 'modelFile'>;

export interface RunBackend {
  /** Runs every job; `result[k]` belongs to `jobs[k]`. */
  run(exp: RunTarget, jobs: readonly JobRequest[]): Promise<JobMetrics[]>;
}
