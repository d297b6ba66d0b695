import type { Rng } from '../../../kernel/rng.ts';
import type { Backoff } from './backoff.ts';
import { BackoffRetryPolicy } from './backoff-retry-policy.ts';
import { BlindClassification } from './blind-classification.ts';
import { ConstantBackoff } from './constant-backoff.ts';
import { DecorrelatedJitter } from './decorrelated-jitter.ts';
import { EqualJitter } from './equal-jitter.ts';
import { ExponentialBackoff } from './exponential-backoff.ts';
import { FullJitter } from './full-jitter.ts';
import type { Jitter } from './jitter.ts';
import { LinearBackoff } from './linear-backoff.ts';
import { NoJitter } from './no-jitter.ts';
import { NoRetry } from './no-retry.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { TokenBucketBudget } from './token-bucket-budget.ts';
import { TransientOnlyClassification } from './transient-only-classification.ts';
import { UnlimitedBudget } from './unlimited-budget.ts';

/** Choice lists for model parameters (`param.choice({ choices: BACKOFF_KINDS, ... })`). */
export const BACKOFF_KINDS = ['constant', 'linear', 'exponential'] as const;
export const JITTER_KINDS = ['none', 'full', 'equal', 'decorrelated'] as const;
export const CLASSIFICATION_KINDS = ['blind', 'classified'] as const;

export interface RetryPolicySpec {
  /** Retries after the first attempt; 0 gives `NoRetry`. */
  readonly maxRetries: number;
  readonly backoff: (typeof BACKOFF_KINDS)[number];
  /** First delay, seconds. */
  readonly baseS: number;
  /** Largest delay, seconds. @default Infinity */
  readonly capS?: number;
  /** @default 'none' */
  readonly jitter?: (typeof JITTER_KINDS)[number];
  /** @default 'blind' */
  readonly classification?: (typeof CLASSIFICATION_KINDS)[number];
  /** Retry budget in tokens (Infinity = no budget). @default Infinity */
  readonly budgetTokens?: number;
  /** Tokens a success adds back. @default 0.1 */
  readonly budgetRefillPerSuccess?: number;
}

/** Builds a policy from the names a model's flags use, e.g. `--backoff exponential --jitter full`. */
export function createRetryPolicy(rng: Rng, spec: RetryPolicySpec): RetryPolicy {
  if (spec.maxRetries === 0) return new NoRetry();
  const capS = spec.capS ?? Infinity;
  const backoff: Backoff =
    spec.backoff === 'constant' ? new ConstantBackoff(spec.baseS) : spec.backoff === 'linear' ? new LinearBackoff(spec.baseS, capS) : new ExponentialBackoff(spec.baseS, capS);
  const jitterKind = spec.jitter ?? 'none';
  const jitter: Jitter =
    jitterKind === 'full' ? new FullJitter() : jitterKind === 'equal' ? new EqualJitter() : jitterKind === 'decorrelated' ? new DecorrelatedJitter() : new NoJitter();
  const budgetTokens = spec.budgetTokens ?? Infinity;
  return new BackoffRetryPolicy({
    maxRetries: spec.maxRetries,
    backoff,
    jitter,
    classification: spec.classification === 'classified' ? new TransientOnlyClassification() : new BlindClassification(),
    budget: Number.isFinite(budgetTokens) ? new TokenBucketBudget(budgetTokens, spec.budgetRefillPerSuccess ?? 0.1) : new UnlimitedBudget(),
    rng,
  });
}
