import type { ComponentEnv } from '../components/component-env.ts';
import { JobStore } from '../components/jobs/job-store.ts';
import { Simulation } from '../kernel/simulation.ts';
import { Metrics } from '../metrics/metrics.ts';

/** What a model's build function receives: the kernel, metrics and job table for one run. */
export class ModelContext implements ComponentEnv {
  readonly sim: Simulation;
  readonly metrics: Metrics;
  readonly jobs: JobStore;
  private endedAt = -1;

  constructor(
    readonly seed: number,
    /** The run's length (a cap, for models that end themselves), seconds. */
    readonly durationS: number,
    readonly bucketS: number,
  ) {
    this.sim = new Simulation(seed);
    this.jobs = new JobStore(1024, this.sim);
    this.metrics = new Metrics(this.sim, bucketS, durationS);
  }

  /** Ends the run now (a batch that finished): metrics close at the current time. */
  end(): void {
    if (this.endedAt < 0) this.endedAt = this.sim.now;
    this.sim.stop();
  }

  /** The time end() was called, or -1. */
  get endedAtS(): number {
    return this.endedAt;
  }
}
