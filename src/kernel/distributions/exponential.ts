import type { Rng } from '../rng.ts';
import type { Distribution } from './distribution.ts';

export class Exponential implements Distribution {
  constructor(readonly mean: number) {}
  sample(rng: Rng): number {
    return rng.exponential(this.mean);
  }
  toString(): string {
    return `exp(${this.mean})`;
  }
}
