import type { Rng } from '../rng.ts';
import type { Distribution } from './distribution.ts';

/**
 * Gamma(shape k, scale θ): mean kθ, variance kθ². `gamma(2, 50ms)` has mean 100 ms.
 *
 * Sampled by G. Marsaglia & W. W. Tsang, "A Simple Method for Generating Gamma Variables",
 * ACM TOMS 26(3), 2000: for k >= 1, d = k - 1/3, c = 1/sqrt(9d); draw a normal z, v = (1 + cz)^3,
 * accept d·v when a uniform passes the squeeze or the log test (more than 95% of draws are
 * accepted on the first try, for every k >= 1). For k < 1 it uses their boost:
 * Gamma(k) = Gamma(k + 1) · U^(1/k).
 */
export class Gamma implements Distribution {
  private readonly d: number;
  private readonly c: number;
  private readonly boost: boolean;

  constructor(readonly shape: number, readonly scale: number) {
    this.boost = shape < 1;
    this.d = (this.boost ? shape + 1 : shape) - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
  }

  sample(rng: Rng): number {
    const { d, c } = this;
    for (;;) {
      let z: number;
      let v: number;
      do {
        z = rng.normal();
        v = 1 + c * z;
      } while (v <= 0);
      v = v * v * v;
      const u = rng.next();
      const z2 = z * z;
      if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
        const x = d * v * this.scale;
        return this.boost ? x * Math.pow(1 - rng.next(), 1 / this.shape) : x;
      }
    }
  }

  get mean(): number {
    return this.shape * this.scale;
  }

  toString(): string {
    return `gamma(${this.shape}, ${this.scale})`;
  }
}
