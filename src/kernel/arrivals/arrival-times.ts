import type { Rng } from '../rng.ts';

/**
 * When arrivals happen. Forms: a renewal process (`RenewalArrivals`: independent gaps from a
 * distribution), a Poisson process with a rate that varies in time (`PoissonArrivals` over a
 * `RateSchedule`), and any other source a model or a later form adds (a replayed trace).
 * `parseArrivalTimes` reads them from text, so flags and experiment files can name one.
 *
 * An implementation may keep state between calls (a position in a trace), so each arrival
 * source gets its own instance.
 */
export interface ArrivalTimes {
  /**
   * The time of the first arrival after `afterS` (the previous arrival, or the start time),
   * seconds; Infinity when there are no more.
   */
  next(afterS: number, rng: Rng): number;
  /** Mean arrival rate over [fromS, toS), per second: for theory lines and capacity arithmetic. */
  meanRate(fromS: number, toS: number): number;
  /** The canonical text form; `parseArrivalTimes(a.toString())` yields the same arrivals. */
  toString(): string;
}
