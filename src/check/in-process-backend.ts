import type { RunLimits } from '../kernel/run-limits.ts';
import { runModel } from '../model/run-model.ts';
import type { JobMetrics } from '../sweep/point-summary.ts';
import type { JobRequest } from '../sweep/thread-pool.ts';
import type { RunBackend, RunTarget } from './run-backend.ts';

/** Runs jobs one after another in this thread: no start-up cost, for short runs and tests. */
export class InProcessBackend implements RunBackend {
  constructor(private readonly limits?: RunLimits) {}

  run(exp: RunTarget, jobs: readonly JobRequest[]): Promise<JobMetrics[]> {
    return Promise.resolve(jobs.map((j) => runModel(exp.model, { seed: j.seed, durationS: j.durationS, params: j.params, ...(this.limits ? { limits: this.limits } : {}) }).metrics));
  }
}
