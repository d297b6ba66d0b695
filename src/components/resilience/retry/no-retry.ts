import { GiveUp, type RetryPolicy } from './retry-policy.ts';

/** The do-nothing default: every failure is final. */
export class NoRetry implements RetryPolicy {
  readonly maxRetries = 0;

  retryDelayS(): number {
    return GiveUp.exhausted;
  }

  recordSuccess(): void {}
}
