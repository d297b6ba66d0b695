import type { Rng } from '../../../kernel/rng.ts';
import type { Backoff } from './backoff.ts';
import type { Jitter } from './jitter.ts';

/**
 * Decorrelated jitter: sleep = min(cap, random_between(base, sleep · 3)), with sleep
 * starting at base ("Exponential Backoff And Jitter", M. Brooker, AWS Architecture Blog,
 * 2015). It replaces the backoff's shape: only the backoff's base and cap are used, and the
 * delay grows from the previous one rather than from the retry number. One draw per retry.
 * Over a constant backoff (whose cap is its base) every delay is the base.
 */
export class DecorrelatedJitter implements Jitter {
  apply(_delayS: number, prevDelayS: number, backoff: Backoff, rng: Rng): number {
    const base = backoff.baseS;
    const prev = prevDelayS > 0 ? prevDelayS : base;
    return Math.min(backoff.capS, rng.uniform(base, prev * 3));
  }
}
