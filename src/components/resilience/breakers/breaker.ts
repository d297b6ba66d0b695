/**
 * Guards job types against a failing dependency: asked before each attempt starts, told how
 * each attempt ended. Job types are JobStore type indices.
 */
export interface Breaker {
  /** True if an attempt of this type may start now; false means reject it without running. */
  allow(type: number): boolean;
  /** An attempt of this type succeeded. */
  onSuccess(type: number): void;
  /** An attempt of this type failed: raised, timed out, or was lost with its process. */
  onFailure(type: number): void;
}
