import type { FailureClass } from './retry/failure-class.ts';

/**
 * Where a pool reports how attempts ended. A failed attempt hands its job over (the sink
 * now owns it: retries it, dead-letters it or drops it); a success only informs (a retry
 * budget refills on successes), the job itself going to the pool's `next` sink.
 */
export interface FailureSink {
  attemptFailed(job: number, failure: FailureClass): void;
  attemptSucceeded(): void;
}
