import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { JobSink } from '../jobs/job-sink.ts';

/**
 * Parks jobs that exhausted their attempts (or that a breaker refused) for a person to look
 * at, instead of retrying them forever or dropping them. Counts them (`<name>_jobs`) and
 * reports how many are parked (`<name>_depth`, only ever growing: nobody replays them during
 * a run). The jobs leave the job store.
 */
export class DeadLetterQueue implements JobSink {
  readonly count: Counter;
  readonly depth: Gauge;

  constructor(private readonly env: ComponentEnv, readonly name: string) {
    this.count = env.metrics.counter(`${name}_jobs`);
    this.depth = env.metrics.gauge(`${name}_depth`);
  }

  accept(job: number): void {
    this.count.add();
    this.depth.add(1);
    this.env.jobs.release(job);
  }
}
