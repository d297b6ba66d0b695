/** Limits retries across all jobs, so a failing dependency is not hammered by retries. */
export interface RetryBudget {
  /** Takes the cost of one retry if available; false means the retry is refused. */
  tryAcquire(): boolean;
  /** Told of every successful attempt. */
  recordSuccess(): void;
}
