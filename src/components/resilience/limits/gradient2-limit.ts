import type { ConcurrencyLimit } from './concurrency-limit.ts';

export interface Gradient2LimitOptions {
  /** @default 20 */
  readonly initial?: number;
  /** @default 20 */
  readonly min?: number;
  /** @default 200 */
  readonly max?: number;
  /** Share of the new estimate taken each window, 0..1. @default 0.2 */
  readonly smoothing?: number;
  /** Headroom the limit may grow by each window while latency holds (the queue it allows). @default 4 */
  readonly queueSize?: number;
  /** Samples the long-term RTT average spans (an exponential average, 2 / (n + 1) per sample). @default 600 */
  readonly longWindow?: number;
  /** Shortest sample window, seconds. @default 1 */
  readonly minWindowS?: number;
  /** Longest sample window, seconds. @default 1 */
  readonly maxWindowS?: number;
  /** Fewest samples in a window for it to count. @default 10 */
  readonly windowSize?: number;
}

/** Samples the long-term average takes as a plain mean before it turns exponential. */
const WARMUP = 10;

/**
 * A latency-based adaptive concurrency limit: Netflix concurrency-limits' `Gradient2Limit`
 * behind its `WindowedLimit` with an average sample window ("Performance Under Load",
 * Netflix Technology Blog, 2018). Samples are gathered in windows of
 * clamp(2 · min RTT, minWindowS, maxWindowS); at the end of a window with enough samples,
 * with shortRtt its mean RTT and longRtt an exponential average of those means:
 *
 *     if longRtt / shortRtt > 2: longRtt ← 0.9 · longRtt     (recover fast after an overload)
 *     if max in flight < limit / 2: keep the limit             (app-limited: no evidence)
 *     gradient = clamp(longRtt / shortRtt, 0.5, 1)
 *     limit ← (1 − smoothing) · limit + smoothing · (gradient · limit + queueSize),
 *             clamped to [min, max]
 *
 * Latency above its long-term level (a queue forming) shrinks the limit; latency at that
 * level lets it grow by `queueSize` per window. Drops do not enter the formula, as in the
 * original.
 */
export class Gradient2Limit implements ConcurrencyLimit {
  /** The estimate; requests admitted while in flight < floor(limit). */
  limit: number;
  readonly min: number;
  readonly max: number;
  private readonly smoothing: number;
  private readonly queueSize: number;
  private readonly longFactor: number;
  private readonly minWindowS: number;
  private readonly maxWindowS: number;
  private readonly windowSize: number;
  private longRtt = 0;
  private longCount = 0;
  private nextUpdateS = 0;
  // The open window.
  private sumRtt = 0;
  private count = 0;
  private minRtt = Infinity;
  private maxInFlight = 0;

  constructor(opts: Gradient2LimitOptions = {}) {
    this.limit = opts.initial ?? 20;
    this.min = opts.min ?? 20;
    this.max = opts.max ?? 200;
    this.smoothing = opts.smoothing ?? 0.2;
    this.queueSize = opts.queueSize ?? 4;
    this.longFactor = 2 / ((opts.longWindow ?? 600) + 1);
    this.minWindowS = opts.minWindowS ?? 1;
    this.maxWindowS = opts.maxWindowS ?? 1;
    this.windowSize = opts.windowSize ?? 10;
    if (!(this.min >= 1 && this.max >= this.min && this.limit >= this.min && this.limit <= this.max)) {
      throw new RangeError(`gradient2 limit needs 1 <= min <= initial <= max, got min ${this.min}, initial ${this.limit}, max ${this.max}`);
    }
    if (!(this.smoothing > 0 && this.smoothing <= 1)) throw new RangeError(`gradient2 smoothing must be in (0, 1], got ${this.smoothing}`);
    if (!(this.minWindowS > 0 && this.maxWindowS >= this.minWindowS)) throw new RangeError(`gradient2 windows need 0 < min <= max, got ${this.minWindowS} s and ${this.maxWindowS} s`);
  }

  /** The long-term RTT the gradient compares against, seconds (0 before the first window). */
  get longRttS(): number {
    return this.longRtt;
  }

  onSample(rttS: number, inFlight: number, _dropped: boolean, nowS: number): void {
    this.sumRtt += rttS;
    this.count++;
    if (rttS < this.minRtt) this.minRtt = rttS;
    if (inFlight > this.maxInFlight) this.maxInFlight = inFlight;
    if (nowS <= this.nextUpdateS) return;
    const windowS = Math.min(Math.max(2 * this.minRtt, this.minWindowS), this.maxWindowS);
    this.nextUpdateS = nowS + windowS;
    if (this.count >= this.windowSize) this.update(this.sumRtt / this.count, this.maxInFlight);
    this.sumRtt = 0;
    this.count = 0;
    this.minRtt = Infinity;
    this.maxInFlight = 0;
  }

  private update(shortRtt: number, inFlight: number): void {
    if (this.longCount < WARMUP) {
      this.longCount++;
      this.longRtt += (shortRtt - this.longRtt) / this.longCount;
    } else this.longRtt = this.longRtt * (1 - this.longFactor) + shortRtt * this.longFactor;
    if (this.longRtt / shortRtt > 2) this.longRtt *= 0.9;
    if (inFlight < this.limit / 2) return;
    const gradient = Math.max(0.5, Math.min(1, this.longRtt / shortRtt));
    const estimate = this.limit * gradient + this.queueSize;
    const next = this.limit * (1 - this.smoothing) + estimate * this.smoothing;
    this.limit = Math.max(this.min, Math.min(this.max, next));
  }
}
