import type { Idempotency } from './idempotency.ts';

/** No idempotency keys: every commit applies, so a replayed request repeats its effect. */
export class NoIdempotency implements Idempotency {
  claim(): boolean {
    return true;
  }
}
