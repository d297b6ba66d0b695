import type { ArrivalTimes } from '../../kernel/arrivals/arrival-times.ts';
import { RenewalArrivals } from '../../kernel/arrivals/renewal-arrivals.ts';
import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Distribution } from '../../kernel/distributions/distribution.ts';
import type { Rng } from '../../kernel/rng.ts';
import type { Simulation } from '../../kernel/simulation.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { JobStore } from './job-store.ts';
import type { JobSink } from './job-sink.ts';

export interface ArrivalProcessOptions {
  /** Names the random stream and the `<name>_arrivals` counter. */
  readonly name: string;
  /**
   * Time between arrivals, in seconds; `new Exponential(1 / rate)` makes a Poisson process.
   * Give this or `arrivals`.
   */
  readonly interarrival?: Distribution;
  /**
   * When arrivals happen, for load that varies in time: `parseArrivals('40/s; 20s: 80/s')`
   * (a Poisson process with a rate schedule) or any `ArrivalTimes`. Give this or `interarrival`.
   */
  readonly arrivals?: ArrivalTimes;
  readonly to: JobSink;
  /** Job type name for the jobs created. @default 'job' */
  readonly type?: string;
  /** Priority class (0 first). @default 0 */
  readonly priority?: number;
  /** First arrival no earlier than this, seconds. @default 0 */
  readonly startS?: number;
  /** No arrivals at or after this time, seconds. @default Infinity */
  readonly stopS?: number;
  /** Stop after this many jobs. @default Infinity */
  readonly limit?: number;
}

/** Creates jobs at random intervals and hands them to a sink (a queue, a pool). */
export class ArrivalProcess implements EventHandler {
  readonly arrivals: Counter;
  private readonly rng: Rng;
  private readonly type: number;
  private readonly priority: number;
  private readonly stopS: number;
  private readonly limit: number;
  private readonly times: ArrivalTimes;
  // Gaps drawn straight from the distribution when one is given: the common case stays one call.
  private readonly gap: Distribution | null;
  private created = 0;
  private readonly sim: Simulation;
  private readonly jobs: JobStore;
  private readonly to: JobSink;

  constructor(env: ComponentEnv, opts: ArrivalProcessOptions) {
    if ((opts.interarrival === undefined) === (opts.arrivals === undefined)) throw new RangeError(`${opts.name}: give exactly one of interarrival and arrivals`);
    this.times = opts.arrivals ?? new RenewalArrivals(opts.interarrival!);
    this.gap = opts.interarrival ?? null;
    this.rng = env.sim.rng(opts.name);
    this.arrivals = env.metrics.counter(`${opts.name}_arrivals`);
    this.type = env.jobs.typeId(opts.type ?? 'job');
    this.priority = opts.priority ?? 0;
    this.stopS = opts.stopS ?? Infinity;
    this.limit = opts.limit ?? Infinity;
    this.sim = env.sim;
    this.jobs = env.jobs;
    this.to = opts.to;
    if (this.jobs.clock !== env.sim) throw new RangeError(`${opts.name}: the job store must read the simulation's clock (new JobStore(capacity, sim))`);
    const first = this.times.next(opts.startS ?? 0, this.rng);
    if (first < this.stopS && this.limit > 0) env.sim.at(first, this);
  }

  handleEvent(): void {
    const sim = this.sim;
    const job = this.jobs.createNow(this.type, this.priority);
    this.created++;
    this.arrivals.add();
    this.to.accept(job);
    // The next arrival's time goes over in a field (see Simulation.postNextAt): this handler
    // inlines the consumer's whole path, and V8 may have no inlining budget left for postAt.
    const next = this.gap !== null ? sim.now + this.gap.sample(this.rng) : this.times.next(sim.now, this.rng);
    if (next < this.stopS && this.created < this.limit) {
      sim.nextAt = next;
      sim.postNextAt(this);
    }
  }
}
