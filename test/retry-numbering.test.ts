import { describe, expect, test } from 'vitest';
import { type Backoff, ConstantBackoff, createRetryPolicy, ExponentialBackoff, FailureClass, GiveUp, hold, LinearBackoff, ModelContext, now, retry, Rng, spawn } from '../src/index.ts';

// The numbering docs/retries.md states, checked: retry k (the (k+1)-th attempt) waits
// base·2^(k-1) under exponential backoff, which is the AWS article's min(cap, base·2^attempt)
// with attempt = k - 1 (counted from 0).
describe('retry numbering', () => {
  test('the first retry waits exactly the base, in every backoff', () => {
    const backoffs: Backoff[] = [new ConstantBackoff(0.25), new LinearBackoff(0.25), new ExponentialBackoff(0.25)];
    expect(backoffs.map((b) => b.delayS(1))).toEqual([0.25, 0.25, 0.25]);
  });

  test("exponential retry k waits min(cap, base·2^(k-1)) = AWS's min(cap, base·2^attempt) with attempt = k - 1", () => {
    const base = 0.1;
    const cap = 3;
    const b = new ExponentialBackoff(base, cap);
    for (let k = 1; k <= 8; k++) {
      const awsAttempt = k - 1;
      expect(b.delayS(k)).toBe(Math.min(cap, base * 2 ** awsAttempt));
    }
    expect([1, 2, 3, 4, 5, 6].map((k) => b.delayS(k))).toEqual([0.1, 0.2, 0.4, 0.8, 1.6, 3]);
  });

  test('maxRetries 3 allows attempts 1-4: retry 4 is refused as exhausted', () => {
    const p = createRetryPolicy(new Rng('n'), { maxRetries: 3, backoff: 'linear', baseS: 1 });
    expect([1, 2, 3, 4].map((k) => p.retryDelayS(k, FailureClass.transient, 0))).toEqual([1, 2, 3, GiveUp.exhausted]);
  });

  test('retry() asks the policy for retry n after attempt n fails, so attempts start at the backoff times', () => {
    const ctx = new ModelContext(1, 3600, 60);
    const policy = createRetryPolicy(ctx.sim.rng('r'), { maxRetries: 4, backoff: 'exponential', baseS: 1 });
    const starts: number[] = [];
    spawn(ctx, (function* () {
      yield* retry(policy, function* () {
        starts.push(now());
        yield* hold(0);
        return FailureClass.transient;
      });
    })());
    ctx.sim.run();
    // Gaps 1, 2, 4, 8 s: retries 1..4 of an exponential backoff with base 1 s.
    expect(starts).toEqual([0, 1, 3, 7, 15]);
  });
});
