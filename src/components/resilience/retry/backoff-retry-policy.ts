import type { Rng } from '../../../kernel/rng.ts';
import type { Backoff } from './backoff.ts';
import { BlindClassification } from './blind-classification.ts';
import type { FailureClass } from './failure-class.ts';
import type { Jitter } from './jitter.ts';
import { NoJitter } from './no-jitter.ts';
import type { RetryBudget } from './retry-budget.ts';
import type { RetryClassification } from './retry-classification.ts';
import { GiveUp, type RetryPolicy } from './retry-policy.ts';
import { UnlimitedBudget } from './unlimited-budget.ts';

export interface BackoffRetryPolicyOptions {
  /** Retries after the first attempt. @default 3 */
  readonly maxRetries?: number;
  readonly backoff: Backoff;
  /** @default new NoJitter() */
  readonly jitter?: Jitter;
  /** @default new BlindClassification() */
  readonly classification?: RetryClassification;
  /** @default new UnlimitedBudget() */
  readonly budget?: RetryBudget;
  /** The stream jitter draws from; take one with `sim.rng(name)`. */
  readonly rng: Rng;
}

/**
 * Retry up to `maxRetries` times, waiting backoff + jitter between attempts, for failures
 * the classification retries, while the budget has tokens. Checks run in that order, so a
 * permanent failure under classification or an exhausted job never spends a budget token.
 */
export class BackoffRetryPolicy implements RetryPolicy {
  readonly maxRetries: number;
  readonly backoff: Backoff;
  readonly jitter: Jitter;
  readonly classification: RetryClassification;
  readonly budget: RetryBudget;
  private readonly rng: Rng;

  constructor(opts: BackoffRetryPolicyOptions) {
    this.maxRetries = opts.maxRetries ?? 3;
    if (!(this.maxRetries >= 0)) throw new RangeError(`maxRetries must be >= 0, got ${this.maxRetries}`);
    this.backoff = opts.backoff;
    this.jitter = opts.jitter ?? new NoJitter();
    this.classification = opts.classification ?? new BlindClassification();
    this.budget = opts.budget ?? new UnlimitedBudget();
    this.rng = opts.rng;
  }

  retryDelayS(retry: number, failure: FailureClass, prevDelayS: number): number {
    if (!this.classification.retries(failure)) return GiveUp.notRetryable;
    if (retry > this.maxRetries) return GiveUp.exhausted;
    if (!this.budget.tryAcquire()) return GiveUp.budget;
    return this.jitter.apply(this.backoff.delayS(retry), prevDelayS, this.backoff, this.rng);
  }

  recordSuccess(): void {
    this.budget.recordSuccess();
  }
}
