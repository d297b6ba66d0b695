import type { RetryBudget } from './retry-budget.ts';

/**
 * A retry budget as a token bucket, after gRPC's retry throttling (gRFC A6) and Finagle's
 * RetryBudget: the bucket starts full with `capacity` tokens; each retry spends one token and
 * is refused when less than one is left; each success adds `refillPerSuccess` tokens, up to
 * capacity. In steady state retries are then at most `refillPerSuccess` per success (plus the
 * initial `capacity`), however often things fail.
 */
export class TokenBucketBudget implements RetryBudget {
  /** Tokens now, 0..capacity. */
  tokens: number;
  /** Retries refused so far. */
  refused = 0;

  constructor(readonly capacity: number, readonly refillPerSuccess = 0.1) {
    if (!(capacity >= 0)) throw new RangeError(`retry budget capacity must be >= 0 tokens, got ${capacity}`);
    if (!(refillPerSuccess >= 0)) throw new RangeError(`retry budget refill must be >= 0 tokens per success, got ${refillPerSuccess}`);
    this.tokens = capacity;
  }

  tryAcquire(): boolean {
    if (this.tokens < 1) {
      this.refused++;
      return false;
    }
    this.tokens -= 1;
    return true;
  }

  recordSuccess(): void {
    this.tokens = Math.min(this.capacity, this.tokens + this.refillPerSuccess);
  }
}
