/**
 * Decides whether a side effect with a given key applies. Implementations record the key in
 * the same step as the effect (one transaction), so a request that crashed after committing
 * is remembered and its replay is a no-op.
 */
export interface Idempotency {
  /** True the first time `key` is claimed (apply the effect); false for a replay (skip it). */
  claim(key: number): boolean;
}
