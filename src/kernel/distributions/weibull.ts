import type { Rng } from '../rng.ts';
import type { Distribution } from './distribution.ts';
import { gammaFn } from './special-functions.ts';
import { standardExponential } from './ziggurat.ts';

/**
 * Weibull(shape k, scale λ): P(X > x) = exp(-(x/λ)^k). Shape 1 is the exponential with mean λ;
 * shape < 1 has a heavier tail, shape > 1 a lighter one. `weibull(1.5, 200ms)`.
 *
 * Sampled by inversion, X = λ·E^(1/k) with E a standard exponential drawn by the ziggurat
 * method, so a draw costs one uniform and one power on the fast path.
 */
export class Weibull implements Distribution {
  private readonly invShape: number;

  constructor(readonly shape: number, readonly scale: number) {
    this.invShape = 1 / shape;
  }

  sample(rng: Rng): number {
    return this.scale * Math.pow(standardExponential(rng), this.invShape);
  }

  /** λ·Γ(1 + 1/k). */
  get mean(): number {
    return this.scale * gammaFn(1 + this.invShape);
  }

  toString(): string {
    return `weibull(${this.shape}, ${this.scale})`;
  }
}
