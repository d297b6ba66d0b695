import type { Rng } from '../../../kernel/rng.ts';
import type { ClientThrottle } from './client-throttle.ts';

export interface AdaptiveThrottleOptions {
  /** Accepts multiplier: the client sends up to k tries per accepted one before it starts rejecting. @default 2 */
  readonly k?: number;
  /** The trailing window requests and accepts are counted over, seconds. @default 120 (two minutes, as in the SRE book) */
  readonly windowS?: number;
  /** Buckets the window is kept in; it slides one bucket at a time. @default 12 */
  readonly buckets?: number;
  /** The stream rejections are drawn from; take one with `sim.rng(name)`. */
  readonly rng: Rng;
}

/**
 * Client-side adaptive throttling ("Site Reliability Engineering", Beyer et al., O'Reilly
 * 2016, ch. 21 "Handling Overload"): over the trailing window the client counts `requests`
 * (tries its application attempted, including those it rejected itself) and `accepts` (tries
 * the backend accepted), and rejects a new try locally with probability
 *
 *     max(0, (requests − k · accepts) / (requests + 1))
 *
 * While the backend accepts everything the probability is 0; once it accepts fewer than
 * 1/k of the tries, the client sheds the excess itself, so a struggling backend sees about
 * k tries per try it can serve instead of every retry. The SRE book uses k = 2.
 */
export class AdaptiveThrottle implements ClientThrottle {
  readonly k: number;
  /** Tries rejected locally so far. */
  rejected = 0;
  private readonly bucketS: number;
  private readonly requestsIn: Float64Array;
  private readonly acceptsIn: Float64Array;
  private requests = 0;
  private accepts = 0;
  /** Index (time / bucketS) of the newest bucket in the ring. */
  private current = 0;
  private readonly rng: Rng;

  constructor(opts: AdaptiveThrottleOptions) {
    this.k = opts.k ?? 2;
    const windowS = opts.windowS ?? 120;
    const n = opts.buckets ?? 12;
    if (!(this.k > 0)) throw new RangeError(`adaptive throttle k must be > 0, got ${this.k}`);
    if (!(windowS > 0)) throw new RangeError(`adaptive throttle window must be > 0 s, got ${windowS}`);
    if (!(n >= 1 && Number.isInteger(n))) throw new RangeError(`adaptive throttle buckets must be a whole number >= 1, got ${n}`);
    this.bucketS = windowS / n;
    this.requestsIn = new Float64Array(n);
    this.acceptsIn = new Float64Array(n);
    this.rng = opts.rng;
  }

  /** The probability the next try is rejected locally, from the counts as they stand. */
  rejectProbability(nowS: number): number {
    this.slide(nowS);
    return Math.max(0, (this.requests - this.k * this.accepts) / (this.requests + 1));
  }

  allows(nowS: number): boolean {
    const p = this.rejectProbability(nowS);
    this.requests++;
    this.requestsIn[this.current % this.requestsIn.length]!++;
    // No draw while nothing would be rejected: a healthy run's stream stays untouched.
    if (p > 0 && this.rng.next() < p) {
      this.rejected++;
      return false;
    }
    return true;
  }

  recordAccept(nowS: number): void {
    this.slide(nowS);
    this.accepts++;
    this.acceptsIn[this.current % this.acceptsIn.length]!++;
  }

  /** Drops the buckets that have left the window. */
  private slide(nowS: number): void {
    const b = Math.floor(nowS / this.bucketS);
    if (b === this.current) return;
    const n = this.requestsIn.length;
    for (let i = this.current + 1; i <= b && i <= this.current + n; i++) {
      const j = i % n;
      this.requests -= this.requestsIn[j]!;
      this.accepts -= this.acceptsIn[j]!;
      this.requestsIn[j] = 0;
      this.acceptsIn[j] = 0;
    }
    this.current = b;
  }
}
