import type { Rng } from '../rng.ts';

/**
 * A family of interchangeable samplers. Each is described by a small serialisable spec
 * (`exp(100ms)`, `uniform(100ms, 200ms)`, ...) that `parseDistribution` reads and
 * `toString` writes back, so models, flags and experiment files can all name one.
 */
export interface Distribution {
  sample(rng: Rng): number;
  /** The distribution's mean, for capacity arithmetic and tests. */
  readonly mean: number;
  /** The canonical spec, e.g. `exp(0.1)`; parseDistribution(d.toString()) samples alike. */
  toString(): string;
}
