import type { Rng } from '../rng.ts';
import type { Distribution } from './distribution.ts';

/** Normal(mu, sigma) truncated at 0 by rejection: negative draws are drawn again. */
export class TruncatedNormal implements Distribution {
  constructor(readonly mu: number, readonly sigma: number) {}
  sample(rng: Rng): number {
    for (let i = 0; i < 1000; i++) {
      const x = this.mu + this.sigma * rng.normal();
      if (x >= 0) return x;
    }
    return 0;
  }
  /** Mean of the truncated distribution: mu + sigma * phi(a) / (1 - Phi(a)), a = -mu/sigma. */
  get mean(): number {
    if (this.sigma === 0) return Math.max(0, this.mu);
    const a = -this.mu / this.sigma;
    const phi = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI);
    return this.mu + (this.sigma * phi) / (1 - normalCdf(a));
  }
  toString(): string {
    return `normal(${this.mu}, ${this.sigma})`;
  }
}

/** Standard normal CDF (Abramowitz & Stegun 26.2.17, |error| < 7.5e-8). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const d = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x >= 0 ? 1 - p : p;
}
