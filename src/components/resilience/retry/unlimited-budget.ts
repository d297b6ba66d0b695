import type { RetryBudget } from './retry-budget.ts';

/** The do-nothing default: every retry is allowed. */
export class UnlimitedBudget implements RetryBudget {
  tryAcquire(): boolean {
    return true;
  }

  recordSuccess(): void {}
}
