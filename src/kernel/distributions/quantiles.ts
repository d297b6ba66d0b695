import type { Rng } from '../rng.ts';
import type { Distribution } from './distribution.ts';

/**
 * A bounded empirical distribution given by its quantiles at equal steps of probability:
 * `quantiles(v0, v1, ..., vm)` puts probability 1/m between each pair of neighbours, spread
 * uniformly, so the CDF is piecewise linear from F(v0) = 0 to F(vm) = 1. Values never fall
 * outside [v0, vm]. This is what `sim fit` writes for data no parametric form describes
 * (the continuous empirical distribution of simulation texts, e.g. Law & Kelton §6.2.4,
 * on a grid of quantiles rather than on every observation).
 */
export class Quantiles implements Distribution {
  constructor(readonly values: readonly number[]) {}

  sample(rng: Rng): number {
    const v = this.values;
    const m = v.length - 1;
    if (m === 0) return v[0]!;
    const x = rng.next() * m;
    const i = Math.floor(x);
    return v[i]! + (x - i) * (v[i + 1]! - v[i]!);
  }

  get mean(): number {
    const v = this.values;
    const m = v.length - 1;
    if (m === 0) return v[0]!;
    let s = 0;
    for (let i = 0; i < m; i++) s += (v[i]! + v[i + 1]!) / 2;
    return s / m;
  }

  /** P(X <= x). */
  cdf(x: number): number {
    const v = this.values;
    const m = v.length - 1;
    if (x < v[0]!) return 0;
    if (x >= v[m]!) return 1;
    let lo = 0;
    let hi = m;
    // Largest i with v[i] <= x.
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (v[mid]! <= x) lo = mid;
      else hi = mid;
    }
    // Ties (v[i] = v[i + 1]) put an atom at that value; step over it.
    while (lo < m && v[lo + 1]! <= x) lo++;
    if (lo >= m) return 1;
    const w = v[lo + 1]! - v[lo]!;
    return (lo + (w > 0 ? (x - v[lo]!) / w : 1)) / m;
  }

  /** The value below which a share p falls. */
  quantile(p: number): number {
    const v = this.values;
    const m = v.length - 1;
    const x = Math.min(Math.max(p, 0), 1) * m;
    const i = Math.min(Math.floor(x), m - 1);
    return m === 0 ? v[0]! : v[i]! + (x - i) * (v[i + 1]! - v[i]!);
  }

  toString(): string {
    return `quantiles(${this.values.join(', ')})`;
  }
}
