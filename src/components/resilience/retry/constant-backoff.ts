import type { Backoff } from './backoff.ts';

/** The same wait before every retry: `base`. */
export class ConstantBackoff implements Backoff {
  readonly capS: number;

  constructor(readonly baseS: number) {
    if (!(baseS >= 0)) throw new RangeError(`backoff base must be >= 0 s, got ${baseS}`);
    this.capS = baseS;
  }

  delayS(): number {
    return this.baseS;
  }
}
