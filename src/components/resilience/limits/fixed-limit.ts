import type { ConcurrencyLimit } from './concurrency-limit.ts';

/** A limit that never changes: a semaphore of `limit` permits. */
export class FixedLimit implements ConcurrencyLimit {
  constructor(readonly limit: number) {
    if (!(limit >= 1 && Number.isInteger(limit))) throw new RangeError(`a fixed concurrency limit must be a whole number >= 1, got ${limit}`);
  }

  onSample(): void {}
}
