import { describe, expect, test } from 'vitest';
import { BACKOFF_KINDS, createRetryPolicy, FailureClass, GiveUp, JITTER_KINDS, Rng } from '../src/index.ts';

/** The delays before retries 1..6 of one job (5 allowed), base 100 ms, cap 1 s, seed stream '7/retry'. */
function delays(backoff: (typeof BACKOFF_KINDS)[number], jitter: (typeof JITTER_KINDS)[number]): number[] {
  const policy = createRetryPolicy(new Rng('7/retry'), { maxRetries: 5, backoff, baseS: 0.1, capS: 1, jitter });
  const out: number[] = [];
  let prev = 0;
  for (let retry = 1; retry <= 6; retry++) {
    const d = policy.retryDelayS(retry, FailureClass.transient, prev);
    out.push(d);
    if (d >= 0) prev = d;
  }
  return out;
}

// The uniforms the seed gives, in order; every jittered sequence below is built from them.
const u = (() => {
  const r = new Rng('7/retry');
  return [r.next(), r.next(), r.next(), r.next(), r.next()];
})();
const E = GiveUp.exhausted;

describe('each backoff and jitter variant gives its exact delay sequence for seed 7', () => {
  test('the seed stream starts with these uniforms', () => {
    expect(u).toEqual([0.5953391073271632, 0.016152786323800683, 0.7954870024695992, 0.4952223398722708, 0.7981234567705542]);
  });

  test('no jitter: constant 100 ms; linear 100/200/300 ms; exponential doubles up to the 1 s cap', () => {
    expect(delays('constant', 'none')).toEqual([0.1, 0.1, 0.1, 0.1, 0.1, E]);
    expect(delays('linear', 'none')).toEqual([0.1, 0.2, 0.30000000000000004, 0.4, 0.5, E]);
    expect(delays('exponential', 'none')).toEqual([0.1, 0.2, 0.4, 0.8, 1, E]);
  });

  test('full jitter draws uniformly between 0 and the backoff delay', () => {
    expect(delays('constant', 'full')).toEqual([0.05953391073271633, 0.0016152786323800684, 0.07954870024695992, 0.049522233987227084, 0.07981234567705542, E]);
    expect(delays('linear', 'full')).toEqual([0.05953391073271633, 0.0032305572647601368, 0.2386461007408798, 0.19808893594890833, 0.3990617283852771, E]);
    expect(delays('exponential', 'full')).toEqual([0.05953391073271633, 0.0032305572647601368, 0.3181948009878397, 0.39617787189781667, 0.7981234567705542, E]);
    const backoff = [0.1, 0.2, 0.4, 0.8, 1];
    expect(delays('exponential', 'full').slice(0, 5)).toEqual(backoff.map((d, i) => d * u[i]!));
  });

  test('equal jitter keeps half the backoff delay and draws the other half', () => {
    expect(delays('constant', 'equal')).toEqual([0.07976695536635817, 0.050807639316190034, 0.08977435012347997, 0.07476111699361354, 0.08990617283852771, E]);
    expect(delays('linear', 'equal')).toEqual([0.07976695536635817, 0.10161527863238007, 0.2693230503704399, 0.29904446797445416, 0.44953086419263855, E]);
    expect(delays('exponential', 'equal')).toEqual([0.07976695536635817, 0.10161527863238007, 0.35909740049391986, 0.5980889359489083, 0.8990617283852771, E]);
    const backoff = [0.1, 0.2, 0.4, 0.8, 1];
    expect(delays('exponential', 'equal').slice(0, 5)).toEqual(backoff.map((d, i) => d / 2 + (d / 2) * u[i]!));
  });

  test('decorrelated jitter draws between base and three times the previous delay, capped', () => {
    const expected = [0.2190678214654327, 0.10900038849927489, 0.28057647669896996, 0.46732098392471766, 1, E];
    expect(delays('exponential', 'decorrelated')).toEqual(expected);
    // It replaces the backoff's shape, so linear gives the same sequence; constant's cap is its base.
    expect(delays('linear', 'decorrelated')).toEqual(expected);
    expect(delays('constant', 'decorrelated')).toEqual([0.1, 0.1, 0.1, 0.1, 0.1, E]);
    let prev = 0.1;
    const byFormula = u.map((x) => (prev = Math.min(1, 0.1 + (prev * 3 - 0.1) * x)));
    expect(delays('exponential', 'decorrelated').slice(0, 5)).toEqual(byFormula);
  });

  test('a policy with no retries gives up on the first failure', () => {
    const policy = createRetryPolicy(new Rng('x'), { maxRetries: 0, backoff: 'linear', baseS: 0.1 });
    expect(policy.retryDelayS(1, FailureClass.transient, 0)).toBe(GiveUp.exhausted);
  });
});
