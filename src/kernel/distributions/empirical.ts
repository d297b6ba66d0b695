import type { Rng } from '../rng.ts';
import type { Distribution } from './distribution.ts';

/** A table of values with weights: `empirical(100ms:5, 200ms:3, 1s:2)`. */
export class Empirical implements Distribution {
  private readonly cumulative: Float64Array;
  constructor(readonly values: readonly number[], readonly weights: readonly number[]) {
    const total = weights.reduce((a, b) => a + b, 0);
    this.cumulative = new Float64Array(weights.length);
    let acc = 0;
    weights.forEach((w, i) => {
      acc += w / total;
      this.cumulative[i] = acc;
    });
    this.cumulative[weights.length - 1] = 1;
  }
  sample(rng: Rng): number {
    const u = rng.next();
    const c = this.cumulative;
    let i = 0;
    while (c[i]! <= u) i++;
    return this.values[i]!;
  }
  get mean(): number {
    const total = this.weights.reduce((a, b) => a + b, 0);
    return this.values.reduce((acc, v, i) => acc + (v * this.weights[i]!) / total, 0);
  }
  toString(): string {
    return `empirical(${this.values.map((v, i) => `${v}:${this.weights[i]}`).join(', ')})`;
  }
}
