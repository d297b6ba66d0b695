import type { Rng } from '../rng.ts';
import type { Distribution } from './distribution.ts';

/**
 * Lognormal given the mean and standard deviation of the value itself (what a latency
 * dashboard shows), converted to the underlying normal's mu and sigma:
 * sigma^2 = ln(1 + sd^2/mean^2), mu = ln(mean) - sigma^2/2.
 */
export class Lognormal implements Distribution {
  private readonly mu: number;
  private readonly sigma: number;
  constructor(readonly mean: number, readonly sd: number) {
    const s2 = Math.log(1 + (sd * sd) / (mean * mean));
    this.sigma = Math.sqrt(s2);
    this.mu = Math.log(mean) - s2 / 2;
  }
  sample(rng: Rng): number {
    return Math.exp(this.mu + this.sigma * rng.normal());
  }
  toString(): string {
    return `lognormal(${this.mean}, ${this.sd})`;
  }
}
