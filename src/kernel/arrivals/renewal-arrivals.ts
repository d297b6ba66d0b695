import type { Distribution } from '../distributions/distribution.ts';
import type { Rng } from '../rng.ts';
import type { ArrivalTimes } from './arrival-times.ts';

/** Arrivals separated by independent gaps drawn from one distribution (a renewal process). */
export class RenewalArrivals implements ArrivalTimes {
  constructor(readonly interarrival: Distribution) {}

  next(afterS: number, rng: Rng): number {
    return afterS + this.interarrival.sample(rng);
  }

  meanRate(): number {
    return 1 / this.interarrival.mean;
  }

  toString(): string {
    return `every ${this.interarrival.toString()}`;
  }
}
