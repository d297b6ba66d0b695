import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createRetryPolicy, FailureClass, GiveUp, Rng, runModel, TokenBucketBudget } from '../src/index.ts';
import retryStorm from '../models/retry-storm.ts';
import { checkProperty } from './helpers/property.ts';

describe('retry budget', () => {
  test('a token bucket grants at most its capacity plus the refill earned by successes', () => {
    checkProperty(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.boolean(), { maxLength: 500 }), (capacity, refill, ops) => {
        const budget = new TokenBucketBudget(capacity, refill);
        let granted = 0;
        let successes = 0;
        for (const isRetry of ops) {
          if (isRetry) granted += budget.tryAcquire() ? 1 : 0;
          else {
            budget.recordSuccess();
            successes++;
          }
          expect(budget.tokens).toBeGreaterThanOrEqual(0);
          expect(budget.tokens).toBeLessThanOrEqual(capacity);
        }
        expect(granted).toBeLessThanOrEqual(capacity + refill * successes + 1e-9);
      }),
    );
  });

  test('an empty budget refuses a retry the policy would otherwise allow, and a success earns it back', () => {
    const policy = createRetryPolicy(new Rng('b'), { maxRetries: 3, backoff: 'constant', baseS: 1, budgetTokens: 1, budgetRefillPerSuccess: 0.5 });
    expect(policy.retryDelayS(1, FailureClass.transient, 0)).toBe(1);
    expect(policy.retryDelayS(1, FailureClass.transient, 0)).toBe(GiveUp.budget);
    policy.recordSuccess();
    expect(policy.retryDelayS(1, FailureClass.transient, 0)).toBe(GiveUp.budget);
    policy.recordSuccess();
    expect(policy.retryDelayS(1, FailureClass.transient, 0)).toBe(1);
  });

  test('a budget of 100 tokens caps the blind retry storm at 100 retries plus one per ten successes', () => {
    const m = runModel(retryStorm, { seed: 1, params: { 'retry-budget': 100, 'budget-refill': 0.1 } }).metrics;
    expect(m.retries_total).toBeLessThanOrEqual(100 + 0.1 * m.items_succeeded!);
    expect(m.retries_total).toBeGreaterThanOrEqual(100);
    expect(m.retries_refused_budget).toBeGreaterThan(6500);
    expect(m.items_total).toBe(10000);
  });
});
