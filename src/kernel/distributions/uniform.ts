import type { Rng } from '../rng.ts';
import type { Distribution } from './distribution.ts';

export class Uniform implements Distribution {
  constructor(readonly lo: number, readonly hi: number) {}
  sample(rng: Rng): number {
    return this.lo + (this.hi - this.lo) * rng.next();
  }
  get mean(): number {
    return (this.lo + this.hi) / 2;
  }
  toString(): string {
    return `uniform(${this.lo}, ${this.hi})`;
  }
}
