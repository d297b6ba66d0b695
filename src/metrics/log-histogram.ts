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

// Each bin's midpoint, by the same expression a bin's estimate always used, computed once:
// a power per quantile estimate was a tenth of the cost of closing a bucket.
const MIDPOINTS = new Float64Array(BINS);
for (let i = 0; i < BINS; i++) MIDPOINTS[i] = 2 ** ((i >> SUB_BITS) + MIN_EXP) * (1 + ((i & (SUB - 1)) + 0.5) / SUB);

// Words of the occupied-bins bitmap.
const WORDS = (BINS + 31) >> 5;

export class LogHistogram {
  /** Largest relative error of a quantile estimate (before clamping to min and max). */
  static readonly relativeError = 1 / (2 * SUB);
  readonly counts = new Float64Array(BINS);
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  zeroCount = 0;
  // A bit per bin recorded into since the last reset, so a histogram of few values over a wide
  // range is read in order and cleared a 32-bin word at a time, without walking every bin or
  // sorting. Not kept once other histograms merge into this one (their bins are added without
  // their bits). The occupied range needs no bookkeeping per value: every value in a bin lies
  // between the exact min and max, so their bins bound it (see firstBin, lastBin).
  private readonly occupied = new Int32Array(WORDS);
  private tracked = true;

  record(v: number): void {
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (!(v >= MIN_VALUE)) {
      this.zeroCount++;
      return;
    }
    const i = binOf(v);
    this.counts[i]!++;
    // Set whether or not the bin was empty: a branch on that would be taken at random.
    this.occupied[i >> 5]! |= 1 << (i & 31);
  }

  /** A bin at or below every occupied one (BINS when no value is in a bin). */
  private firstBin(): number {
    return this.min >= MIN_VALUE ? binOf(this.min) : this.max >= MIN_VALUE ? 0 : BINS;
  }

  /** A bin at or above every occupied one (-1 when no value is in a bin). */
  private lastBin(): number {
    return this.max >= MIN_VALUE ? binOf(this.max) : -1;
  }

  /** Adds another histogram's observations to this one. */
  merge(other: LogHistogram): void {
    if (other.count === 0) return;
    for (let i = other.firstBin(), hi = other.lastBin(); i <= hi; i++) this.counts[i]! += other.counts[i]!;
    this.addSummary(other);
  }

  reset(): void {
    const lo = this.firstBin();
    const hi = this.lastBin();
    if (hi >= lo) {
      this.counts.fill(0, lo, hi + 1);
      this.occupied.fill(0, lo >> 5, (hi >> 5) + 1);
    }
    this.tracked = true;
    this.clearSummary();
  }

  private clearSummary(): void {
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.zeroCount = 0;
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
    const rank = nearestRank(q, this.count);
    if (rank >= this.count) return this.max;
    let seen = this.zeroCount;
    if (seen >= rank) return Math.max(this.min, 0);
    for (let i = this.firstBin(), hi = this.lastBin(); i <= hi; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return this.estimate(i);
    }
    return this.max;
  }

  /**
   * Ends a time bucket in one pass over its occupied bins: writes quantile(qs[k]) into
   * out[k] (qs ascending), adds every observation to `total` (as `total.merge(this)`) and
   * resets this histogram. It costs a step per occupied bin plus one per 32 bins of the
   * bucket's range (from its min's bin to its max's; from the first bin when a value fell in
   * the zero bin), so a bucket of few observations is cheap however wide their range, and a
   * run's metrics cost does not grow with its number of buckets.
   */
  drainInto(total: LogHistogram, qs: readonly number[], out: Float64Array): void {
    if (this.count === 0) {
      for (let k = 0; k < qs.length; k++) out[k] = NaN;
      return;
    }
    const counts = this.counts;
    const into = total.counts;
    // Quantiles that need no bin: the maximum, or a rank inside the zero bin.
    if (qs.length > RANKS.length) throw new RangeError(`at most ${RANKS.length} quantiles per drain`);
    const ranks = RANKS;
    let pending = 0;
    for (let k = 0; k < qs.length; k++) {
      const rank = nearestRank(qs[k]!, this.count);
      if (rank >= this.count) out[k] = this.max;
      else if (this.zeroCount >= rank) out[k] = Math.max(this.min, 0);
      else {
        out[k] = this.max;
        ranks[pending] = rank;
        PENDING_AT[pending++] = k;
      }
    }
    let next = 0;
    let seen = this.zeroCount;
    if (this.tracked) {
      // The occupied bins in ascending order, from the bitmap: the lowest set bit of each
      // word first.
      const bits = this.occupied;
      const last = this.lastBin() >> 5;
      for (let w = this.firstBin() >> 5; w <= last; w++) {
        let word = bits[w]!;
        if (word === 0) continue;
        bits[w] = 0;
        do {
          const low = word & -word;
          const i = (w << 5) | (31 - Math.clz32(low));
          word ^= low;
          const c = counts[i]!;
          seen += c;
          while (next < pending && seen >= ranks[next]!) out[PENDING_AT[next++]!] = this.estimate(i);
          into[i]! += c;
          counts[i] = 0;
        } while (word !== 0);
      }
    } else {
      const lo = this.firstBin();
      const hi = this.lastBin();
      for (let i = lo; i <= hi; i++) {
        const c = counts[i]!;
        if (c === 0) continue;
        seen += c;
        while (next < pending && seen >= ranks[next]!) out[PENDING_AT[next++]!] = this.estimate(i);
        into[i]! += c;
        counts[i] = 0;
      }
      this.occupied.fill(0, lo >> 5, (hi >> 5) + 1);
      this.tracked = true;
    }
    total.addSummary(this);
    this.clearSummary();
  }

  /** The estimate of bin i: its midpoint, clamped to the exact min and max. */
  private estimate(i: number): number {
    return Math.min(this.max, Math.max(this.min, MIDPOINTS[i]!));
  }

  /** Adds another histogram's count, sum, zeros, extremes and range (its bins added apart). */
  private addSummary(other: LogHistogram): void {
    this.count += other.count;
    this.sum += other.sum;
    this.zeroCount += other.zeroCount;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    this.tracked = false;
  }
}

/** The bin of a value >= MIN_VALUE: its octave from the IEEE-754 exponent, then its top mantissa bits. */
function binOf(v: number): number {
  word[0] = v;
  const high = words[HIGH]!;
  const i = (((high >>> 20) - 1023 - MIN_EXP) << SUB_BITS) | ((high >>> (20 - SUB_BITS)) & (SUB - 1));
  return i < BINS ? i : BINS - 1;
}

function nearestRank(q: number, count: number): number {
  return Math.max(1, Math.ceil(q * count - 1e-9));
}

// Scratch for drainInto (single-threaded): ranks still to find, and where each answer goes.
const RANKS = new Float64Array(16);
const PENDING_AT = new Int32Array(16);
