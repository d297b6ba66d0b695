import type { Rng } from '../../../kernel/rng.ts';
import type { Jitter } from './jitter.ts';

/**
 * Equal jitter: temp = delay; sleep = temp/2 + random_between(0, temp/2): never less than
 * half the backoff ("Exponential Backoff And Jitter", M. Brooker, AWS Architecture Blog,
 * 2015). One uniform draw per retry.
 */
export class EqualJitter implements Jitter {
  apply(delayS: number, _prevDelayS: number, _backoff: unknown, rng: Rng): number {
    const half = delayS / 2;
    return half + half * rng.next();
  }
}
