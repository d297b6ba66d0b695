/**
 * A streaming histogram with log-linear bins, the layout of HdrHistogram (Tene): each
 * power-of-two octave [2^e, 2^(e+1)) is cut into SUB equal bins. The bin index comes from
 * the IEEE-754 exponent and the top mantissa bits of the value, with no logarithm, so
 * recording costs a few integer operations. A bin's midpoint is within 1/(2 SUB) = 0.78%
 * of every value in it. Counts are integers, so merging across time buckets is exact and
 * order-free.
 *
 * Bins cover [2^MIN_EXP, 2^(MAX_EXP+1)) ~ [1e-6, 2e12); smaller values count in a zero
 * bin, larger ones in the top bin (the exact maximum is kept beside). ~3,900 bins.
 */
const SUB_BITS = 6;
const SUB = 1 << SUB_BITS;
const MIN_EXP = -20;
const MAX_EXP = 40;
const BINS = (MAX_EXP - MIN_EXP + 1) * SUB;
const MIN_VALUE = 2 ** MIN_EXP;

// Reads a double's high 32 bits (sign, exponent, top mantissa) on either byte order.
const word = new Float64Array(1);
const words = new Uint32Array(word.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

export class LogHistogram {
  /** Largest relative error of a quantile estimate (before clamping to min and max). */
  static readonly relativeError = 1 / (2 * SUB);
  readonly counts = new Float64Array(BINS);
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  zeroCount = 0;
  private lo = BINS;
  private hi = -1;

  record(v: number): void {
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (!(v >= MIN_VALUE)) {
      this.zeroCount++;
      return;
    }
    word[0] = v;
    const high = words[HIGH]!;
    let i = (((high >>> 20) - 1023 - MIN_EXP) << SUB_BITS) | ((high >>> (20 - SUB_BITS)) & (SUB - 1));
    if (i >= BINS) i = BINS - 1;
    this.counts[i]!++;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
  }

  /** Adds another histogram's observations to this one. */
  merge(other: LogHistogram): void {
    if (other.count === 0) return;
    this.count += other.count;
    this.sum += other.sum;
    this.zeroCount += other.zeroCount;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    for (let i = other.lo; i <= other.hi; i++) this.counts[i]! += other.counts[i]!;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  reset(): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.zeroCount = 0;
    this.lo = BINS;
    this.hi = -1;
  }

  get mean(): number {
    return this.count ? this.sum / this.count : NaN;
  }

  /**
   * The q-quantile (0 < q <= 1) by nearest rank: an estimate of the ceil(q * count)-th
   * smallest value, within the relative error, clamped to the exact min and max. NaN if empty.
   */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count - 1e-9));
    if (rank >= this.count) return this.max;
    let seen = this.zeroCount;
    if (seen >= rank) return Math.max(this.min, 0);
    for (let i = this.lo; i <= this.hi; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) {
        const exp = (i >> SUB_BITS) + MIN_EXP;
        const estimate = 2 ** exp * (1 + ((i & (SUB - 1)) + 0.5) / SUB);
        return Math.min(this.max, Math.max(this.min, estimate));
      }
    }
    return this.max;
  }
}
