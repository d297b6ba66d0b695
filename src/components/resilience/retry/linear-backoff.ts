import type { Backoff } from './backoff.ts';

/** Waits grow by `base` each retry: base, 2·base, 3·base, ... capped at `capS` (100/200/300 ms). */
export class LinearBackoff implements Backoff {
  constructor(readonly baseS: number, readonly capS = Infinity) {
    if (!(baseS >= 0)) throw new RangeError(`backoff base must be >= 0 s, got ${baseS}`);
    if (!(capS >= 0)) throw new RangeError(`backoff cap must be >= 0 s, got ${capS}`);
  }

  delayS(retry: number): number {
    return Math.min(this.capS, this.baseS * retry);
  }
}
