import type { Simulation } from '../kernel/simulation.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { JobStore } from './jobs/job-store.ts';

/** What a component is built with: the kernel, the metrics it reports to, the job table. */
export interface ComponentEnv {
  readonly sim: Simulation;
  readonly metrics: Metrics;
  readonly jobs: JobStore;
}
