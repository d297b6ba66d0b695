import type { ArrivalTimes } from '../../kernel/arrivals/arrival-times.ts';
import { RenewalArrivals } from '../../kernel/arrivals/renewal-arrivals.ts';
import { Exponential } from '../../kernel/distributions/exponential.ts';
import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Rng } from '../../kernel/rng.ts';
import type { Simulation } from '../../kernel/simulation.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Metrics } from '../../metrics/metrics.ts';
import { Process, type ProcessBody } from '../process.ts';

export interface SourceOptions {
  /** Names the random stream and the `<name>_arrivals` counter. */
  readonly name: string;
  /**
   * When arrivals happen: an `ArrivalTimes` (e.g. `parseArrivals('40/s; 20s: 80/s')`), or a
   * plain rate per second for a Poisson process.
   */
  readonly arrivals: ArrivalTimes | number;
  /** Builds the process of arrival number `i` (0-based): `(i) => customer(i)`. */
  readonly start: (i: number) => ProcessBody<unknown>;
  /** First arrival no earlier than this, seconds. @default 0 */
  readonly startS?: number;
  /** No arrivals at or after this time, seconds. @default Infinity */
  readonly stopS?: number;
  /** Stop after this many arrivals. @default Infinity */
  readonly limit?: number;
}

/**
 * Starts one process per arrival (SimPy's "source" loop, as one event handler): each
 * arrival's process runs its first step at its arrival time, with no extra event.
 */
export class Source implements EventHandler {
  readonly arrivals: Counter;
  private readonly sim: Simulation;
  private readonly rng: Rng;
  private readonly times: ArrivalTimes;
  private readonly stopS: number;
  private readonly limit: number;
  private count = 0;

  constructor(
    env: { readonly sim: Simulation; readonly metrics: Metrics },
    private readonly opts: SourceOptions,
  ) {
    this.sim = env.sim;
    this.rng = env.sim.rng(opts.name);
    this.arrivals = env.metrics.counter(`${opts.name}_arrivals`);
    this.times = typeof opts.arrivals === 'number' ? new RenewalArrivals(new Exponential(1 / opts.arrivals)) : opts.arrivals;
    this.stopS = opts.stopS ?? Infinity;
    this.limit = opts.limit ?? Infinity;
    this.scheduleAfter(opts.startS ?? 0);
  }

  handleEvent(): void {
    const i = this.count++;
    this.arrivals.add();
    new Process(this.sim, this.opts.start(i)).startNow();
    this.scheduleAfter(this.sim.now);
  }

  private scheduleAfter(afterS: number): void {
    if (this.count >= this.limit) return;
    const t = this.times.next(afterS, this.rng);
    if (t < this.stopS) this.sim.at(t, this);
  }
}

/** Starts one process per arrival; see `Source`. */
export function source(env: { readonly sim: Simulation; readonly metrics: Metrics }, opts: SourceOptions): Source {
  return new Source(env, opts);
}
