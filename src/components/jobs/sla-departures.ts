import type { Counter } from '../../metrics/counter.ts';
import type { Histogram } from '../../metrics/histogram.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { JobSink } from './job-sink.ts';

export interface SlaDeparturesOptions {
  /**
   * Names the metrics `<name>_jobs`, `<name>_delay_s`, `<name>_late`, `<name>_users_affected`,
   * `<name>_special_users_affected`.
   */
  readonly name: string;
  /** A job done later than this after its creation is late, seconds. */
  readonly slaS: number;
  /**
   * Users are numbered 0..users-1 in each job's `data` field; `<name>_users_affected` counts
   * the distinct users with at least one late job. @default 0 (no users tracked)
   */
  readonly users?: number;
  /**
   * Users 0..specialUsers-1 are a class of their own (paying customers, say), counted again in
   * `<name>_special_users_affected`. @default 0
   */
  readonly specialUsers?: number;
}

/**
 * Where finished user-facing jobs leave: records each one's delay since creation, counts the
 * ones past the SLA and the distinct users they belonged to, and releases them.
 */
export class SlaDepartures implements JobSink {
  readonly count: Counter;
  readonly delay: Histogram;
  readonly late: Counter;
  readonly usersAffected: Counter;
  /** Distinct users below `specialUsers` with a late job. */
  readonly specialUsersAffected: Counter;
  private readonly hit: Uint8Array;
  private readonly special: number;

  constructor(private readonly env: ComponentEnv, private readonly opts: SlaDeparturesOptions) {
    if (!(opts.slaS >= 0)) throw new RangeError(`${opts.name}: slaS must be >= 0, got ${opts.slaS}`);
    const m = env.metrics;
    this.count = m.counter(`${opts.name}_jobs`);
    this.delay = m.histogram(`${opts.name}_delay_s`);
    this.late = m.counter(`${opts.name}_late`);
    this.usersAffected = m.counter(`${opts.name}_users_affected`);
    this.specialUsersAffected = m.counter(`${opts.name}_special_users_affected`);
    this.special = opts.specialUsers ?? 0;
    this.hit = new Uint8Array(opts.users ?? 0);
  }

  accept(job: number): void {
    const { jobs, sim } = this.env;
    const d = sim.now - jobs.createdAt[job]!;
    this.count.add();
    this.delay.record(d);
    if (d > this.opts.slaS) {
      this.late.add();
      const user = jobs.data[job]!;
      if (user >= 0 && user < this.hit.length && this.hit[user] === 0) {
        this.hit[user] = 1;
        this.usersAffected.add();
        if (user < this.special) this.specialUsersAffected.add();
      }
    }
    jobs.release(job);
  }
}
