import seedrandom from 'seedrandom';
import { standardExponential } from './distributions/ziggurat.ts';

/**
 * A random stream. Each component draws from its own named substream, seeded from
 * `seed + '/' + name`, so adding a component or changing one policy does not shift the
 * numbers any other component sees (common random numbers across policy variants).
 *
 * The generator is seedrandom's Alea: fast, pure JavaScript arithmetic, and therefore the
 * same sequence on every machine.
 */
export class Rng {
  /** Uniform on [0, 1). */
  readonly next: () => number;

  constructor(readonly seed: string) {
    this.next = seedrandom.alea(seed);
  }

  /** Uniform on [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer uniform on [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Exponential with the given mean (ziggurat method). */
  exponential(mean: number): number {
    return mean * standardExponential(this);
  }

  /** Standard normal, by the Box–Muller transform (two uniforms per draw, no cached state). */
  normal(): number {
    const u1 = 1 - this.next();
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A substream of this stream, e.g. one per job type inside a component. */
  child(name: string): Rng {
    return new Rng(`${this.seed}/${name}`);
  }
}
