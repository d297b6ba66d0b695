import type { FailureClass } from './failure-class.ts';

/**
 * Decides whether and when a failed attempt is tried again. One small interface so models
 * can swap policies (`NoRetry`, `BackoffRetryPolicy`) without `if` in their hot paths.
 *
 * `retryDelayS` returns the wait in seconds before retry number `retry` (1 = the first
 * retry, i.e. the second attempt), or a negative give-up code (`GiveUp`). A policy with
 * randomness (jitter) draws from the stream it was built with, so the delay sequence of a
 * seed is fixed.
 */
export interface RetryPolicy {
  /** Retries after the first attempt at most (attempts = maxRetries + 1). */
  readonly maxRetries: number;
  /**
   * @param retry 1-based number of the retry being considered.
   * @param failure the class of the failure that just happened.
   * @param prevDelayS the delay chosen before the previous retry of this job, seconds
   *   (0 before the first retry); decorrelated jitter grows from it.
   * @returns seconds to wait (>= 0), or a negative `GiveUp` code.
   */
  retryDelayS(retry: number, failure: FailureClass, prevDelayS: number): number;
  /** Told of every successful attempt (a retry budget refills on successes). */
  recordSuccess(): void;
}

/** Negative results of `retryDelayS`: why a failure is final. Callers count them. */
export const GiveUp = {
  /** The failure's class is not retried (a permanent failure under classification). */
  notRetryable: -1,
  /** Retries used up: `retry > maxRetries`. */
  exhausted: -2,
  /** The retry budget had no token left. */
  budget: -3,
} as const;
