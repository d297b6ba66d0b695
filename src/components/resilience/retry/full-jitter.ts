import type { Rng } from '../../../kernel/rng.ts';
import type { Jitter } from './jitter.ts';

/**
 * Full jitter: sleep = random_between(0, delay), where delay = min(cap, base · 2^attempt)
 * for exponential backoff ("Exponential Backoff And Jitter", M. Brooker, AWS Architecture
 * Blog, 2015). One uniform draw per retry.
 */
export class FullJitter implements Jitter {
  apply(delayS: number, _prevDelayS: number, _backoff: unknown, rng: Rng): number {
    return delayS * rng.next();
  }
}
