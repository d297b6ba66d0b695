import type { FailureClass } from './failure-class.ts';

/** Which failures are worth another attempt. */
export interface RetryClassification {
  retries(failure: FailureClass): boolean;
}
