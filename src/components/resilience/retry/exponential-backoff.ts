import type { Backoff } from './backoff.ts';

/**
 * Waits double each retry, capped: min(cap, base · 2^(retry-1)), i.e. base, 2·base, 4·base, ...
 * ("Exponential Backoff And Jitter", M. Brooker, AWS Architecture Blog, 2015, counts
 * attempts from 0: min(cap, base · 2^attempt); our `retry` is that attempt + 1.)
 */
export class ExponentialBackoff implements Backoff {
  constructor(readonly baseS: number, readonly capS = Infinity, readonly factor = 2) {
    if (!(baseS >= 0)) throw new RangeError(`backoff base must be >= 0 s, got ${baseS}`);
    if (!(capS >= 0)) throw new RangeError(`backoff cap must be >= 0 s, got ${capS}`);
    if (!(factor >= 1)) throw new RangeError(`backoff factor must be >= 1, got ${factor}`);
  }

  delayS(retry: number): number {
    return Math.min(this.capS, this.baseS * this.factor ** (retry - 1));
  }
}
