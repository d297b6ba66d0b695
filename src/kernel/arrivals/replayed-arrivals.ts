import type { ArrivalTimes } from './arrival-times.ts';

/**
 * Arrivals at given times (a replayed trace), in order, one per call: several arrivals at the
 * same instant all happen. Keeps its position, so each source needs its own instance.
 */
export class ReplayedArrivals implements ArrivalTimes {
  private position = 0;

  /** `timesS`: non-decreasing arrival times, seconds; those before the first `next` call's time are skipped. */
  constructor(private readonly timesS: Float64Array, private readonly label = 'replayed') {}

  next(afterS: number): number {
    const t = this.timesS;
    while (this.position < t.length && t[this.position]! < afterS) this.position++;
    return this.position < t.length ? t[this.position++]! : Infinity;
  }

  meanRate(fromS: number, toS: number): number {
    let n = 0;
    for (const x of this.timesS) if (x >= fromS && x < toS) n++;
    return toS > fromS ? n / (toS - fromS) : 0;
  }

  toString(): string {
    return this.label;
  }
}
