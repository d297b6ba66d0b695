import type { Rng } from '../rng.ts';
import type { Distribution } from './distribution.ts';
import { standardExponential } from './ziggurat.ts';

export class Exponential implements Distribution {
  constructor(readonly mean: number) {}
  sample(rng: Rng): number {
    return this.mean * standardExponential(rng);
  }
  toString(): string {
    return `exp(${this.mean})`;
  }
}
