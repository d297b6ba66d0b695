import type { ConcurrencyLimit } from './concurrency-limit.ts';

export interface AimdLimitOptions {
  /** @default 10 */
  readonly initial?: number;
  /** @default 1 */
  readonly min?: number;
  /** @default 1000 */
  readonly max?: number;
  /** The limit is multiplied by this on a drop, 0.5..1. @default 0.9 */
  readonly backoffRatio?: number;
  /** A request slower than this counts as a drop, seconds. @default 5 */
  readonly timeoutS?: number;
}

/**
 * Additive increase, multiplicative decrease, as in TCP congestion control and Netflix's
 * concurrency-limits `AIMDLimit`: on a drop (or a request slower than `timeoutS`) the limit
 * becomes max(min, min(limit − 1, floor(limit · backoffRatio))); on a success while at least
 * half the limit is in use it grows by one (an idle limit does not grow); else it holds.
 */
export class AimdLimit implements ConcurrencyLimit {
  limit: number;
  readonly min: number;
  readonly max: number;
  readonly backoffRatio: number;
  readonly timeoutS: number;

  constructor(opts: AimdLimitOptions = {}) {
    this.limit = opts.initial ?? 10;
    this.min = opts.min ?? 1;
    this.max = opts.max ?? 1000;
    this.backoffRatio = opts.backoffRatio ?? 0.9;
    this.timeoutS = opts.timeoutS ?? 5;
    if (!(this.min >= 1 && this.max >= this.min && this.limit >= this.min && this.limit <= this.max)) {
      throw new RangeError(`AIMD limit needs 1 <= min <= initial <= max, got min ${this.min}, initial ${this.limit}, max ${this.max}`);
    }
    if (!(this.backoffRatio >= 0.5 && this.backoffRatio < 1)) throw new RangeError(`AIMD backoff ratio must be in 0.5..1, got ${this.backoffRatio}`);
    if (!(this.timeoutS > 0)) throw new RangeError(`AIMD timeout must be > 0 s, got ${this.timeoutS}`);
  }

  onSample(rttS: number, inFlight: number, dropped: boolean): void {
    if (dropped || rttS > this.timeoutS) this.limit = Math.max(this.min, Math.min(this.limit - 1, Math.floor(this.limit * this.backoffRatio)));
    else if (inFlight * 2 >= this.limit) this.limit = Math.min(this.max, this.limit + 1);
  }
}
