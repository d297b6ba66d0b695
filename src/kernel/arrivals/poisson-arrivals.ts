import { standardExponential } from '../distributions/ziggurat.ts';
import type { Rng } from '../rng.ts';
import type { ArrivalTimes } from './arrival-times.ts';
import type { RateSchedule } from './rate-schedule.ts';

/**
 * A non-homogeneous Poisson process with the rate of a `RateSchedule`, generated exactly by
 * inverting the integrated rate (Çinlar, "Introduction to Stochastic Processes", 1975; see
 * Law, "Simulation Modeling and Analysis", §8.6.2): with Λ(t) = ∫₀ᵗ λ, the next arrival
 * after t is Λ⁻¹(Λ(t) + E) for E ~ Exp(1). The integral is walked segment by segment from t
 * (never accumulated from 0, so long runs keep full precision); within a segment the rate is
 * linear and the inverse is a quadratic's root, so there is no rejection and exactly one
 * exponential draw per arrival. Unlike thinning (Lewis & Shedler 1979), the number of draws
 * does not depend on the schedule, so two schedules run with one seed share their random
 * numbers arrival for arrival (common random numbers across load scenarios). A constant
 * schedule gives the same times, bit for bit, as `Exponential(1 / rate)` interarrivals.
 */
export class PoissonArrivals implements ArrivalTimes {
  // Per segment: 1/rate for constant segments (the multiplication `Exponential` does).
  private readonly invRate: Float64Array;

  constructor(readonly schedule: RateSchedule) {
    this.invRate = Float64Array.from(schedule.segments, (s) => (s.fromPerS === s.toPerS && s.fromPerS > 0 ? 1 / s.fromPerS : 0));
  }

  next(afterS: number, rng: Rng): number {
    return this.advance(afterS, standardExponential(rng));
  }

  /** The time at which the integrated rate from `fromS` reaches `mass`; Infinity if it never does. */
  advance(fromS: number, mass: number): number {
    const sched = this.schedule;
    const period = sched.periodS;
    const segs = sched.segments;
    let base = period === Infinity ? 0 : Math.floor(fromS / period) * period;
    let tau = fromS - base;
    let k = sched.segmentAt(tau);
    let e = mass;
    // A full period with no arrivals at all would loop forever; after one empty lap, stop.
    let emptyLaps = 0;
    for (;;) {
      if (k < 0) {
        tau = segs[0]!.startS;
        k = 0;
      }
      const s = segs[k]!;
      const end = sched.segmentEnd(k);
      const slope = sched.slope(k);
      const rate = s.fromPerS + slope * (tau - s.startS);
      if (slope === 0) {
        if (rate > 0) {
          const x = e * this.invRate[k]!;
          if (tau + x < end) return base + tau + x;
          e -= rate * (end - tau);
        }
      } else {
        const len = end - tau;
        const inSegment = rate * len + (slope * len * len) / 2;
        if (e <= inSegment) {
          // Root of rate·x + slope·x²/2 = e, in the form that stays exact when slope is tiny.
          const x = (2 * e) / (rate + Math.sqrt(Math.max(0, rate * rate + 2 * slope * e)));
          return base + tau + Math.min(x, len);
        }
        e -= inSegment;
      }
      if (end === Infinity) return Infinity;
      k++;
      tau = end;
      if (k === segs.length) {
        if (++emptyLaps > 1 && e === mass) return Infinity;
        base += period;
        k = -1;
        tau = 0;
      }
    }
  }

  meanRate(fromS: number, toS: number): number {
    return toS > fromS ? this.schedule.integral(fromS, toS) / (toS - fromS) : this.schedule.rateAt(fromS);
  }

  toString(): string {
    return this.schedule.toString();
  }
}
