import type { Idempotency } from './idempotency.ts';
import { covering } from '../../plumbing/grow.ts';

/**
 * Idempotency keys: the first commit of a key applies, every later one is a no-op. Keys are
 * non-negative integers (user ids, item indexes), kept as a byte per key that grows as needed.
 */
export class IdempotencyKeys implements Idempotency {
  private seen: Uint8Array;

  constructor(initialKeys = 1024) {
    this.seen = new Uint8Array(Math.max(16, initialKeys));
  }

  claim(key: number): boolean {
    if (!(key >= 0 && Number.isInteger(key))) throw new RangeError(`idempotency key must be a whole number >= 0, got ${key}`);
    if (key >= this.seen.length) this.grow(key);
    if (this.seen[key] === 1) return false;
    this.seen[key] = 1;
    return true;
  }

  private grow(key: number): void {
    this.seen = covering(this.seen, key);
  }
}
