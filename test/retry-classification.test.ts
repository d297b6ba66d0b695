import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BACKOFF_KINDS, createRetryPolicy, FailureClass, GiveUp, JITTER_KINDS, Rng, runModel } from '../src/index.ts';
import retryStorm from '../models/retry-storm.ts';
import { checkProperty } from './helpers/property.ts';

const spec = fc.record({
  maxRetries: fc.integer({ min: 1, max: 10 }),
  backoff: fc.constantFrom(...BACKOFF_KINDS),
  jitter: fc.constantFrom(...JITTER_KINDS),
  baseS: fc.double({ min: 0, max: 10, noNaN: true }),
  budgetTokens: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 20 })),
});

describe('classification', () => {
  test('a classified policy never retries a permanent failure, whatever came before', () => {
    checkProperty(
      fc.property(spec, fc.array(fc.constantFrom(FailureClass.transient, FailureClass.permanent), { maxLength: 30 }), fc.string(), (s, failures, seed) => {
        const policy = createRetryPolicy(new Rng(seed), { ...s, classification: 'classified' });
        let retry = 1;
        let prev = 0;
        for (const f of failures) {
          const d = policy.retryDelayS(retry, f, prev);
          if (f === FailureClass.permanent) expect(d).toBe(GiveUp.notRetryable);
          if (d >= 0) {
            prev = d;
            retry++;
          }
        }
      }),
    );
  });

  test('a blind policy retries permanent failures like transient ones until retries run out', () => {
    const policy = createRetryPolicy(new Rng('s'), { maxRetries: 3, backoff: 'linear', baseS: 0.1 });
    const got = [1, 2, 3, 4].map((r) => policy.retryDelayS(r, FailureClass.permanent, 0));
    expect(got).toEqual([0.1, 0.2, 0.30000000000000004, GiveUp.exhausted]);
  });

  test('in the retry-storm model, classified runs retry no permanently failing item, for any mix, workers and seed', () => {
    checkProperty(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...BACKOFF_KINDS),
        fc.constantFrom(...JITTER_KINDS),
        fc.integer({ min: 0, max: 1000 }),
        (items, workers, expired, backoff, jitter, seed) => {
          const m = runModel(retryStorm, {
            seed,
            params: { items, workers, 'expired-fraction': expired, backoff, jitter, classification: 'classified', 'transient-failure': 0 },
          }).metrics;
          // With no transient failures every failure is permanent: none may be retried.
          expect(m.retries_total).toBe(0);
          expect(m.items_total).toBe(items);
          expect(m.failed_expired_cleanup).toBe(m.items_expired_cleanup);
        },
      ),
      { numRuns: 40 },
    );
  });
});
