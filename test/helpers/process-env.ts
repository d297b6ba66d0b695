import { ModelContext } from '../../src/index.ts';

/** A fresh kernel, metrics and job table for one process test: 1 h long, 1 min buckets. */
export function env(seed = 1): ModelContext {
  return new ModelContext(seed, 3600, 60);
}
