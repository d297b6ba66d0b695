import type { Clock } from '../kernel/simulation.ts';
import { BucketSeries } from './bucket-series.ts';
import { LogHistogram } from './log-histogram.ts';
import type { Series } from './series.ts';

const BUCKET_STATS = ['count', 'mean', 'p50', 'p90', 'p99', 'max'] as const;
export type HistogramStat = (typeof BUCKET_STATS)[number];
const BUCKET_QUANTILES = [0.5, 0.9, 0.99];

/**
 * A distribution of observed values (latencies, waits) over the run and per time bucket.
 * Only the current bucket's bins are live: when a bucket closes its statistics are kept and
 * its bins are merged into the run's, so memory grows with buckets, not with observations.
 */
export class Histogram {
  /** All observations of the run; complete after finish(). */
  readonly total = new LogHistogram();
  private readonly current = new LogHistogram();
  // Per-bucket statistics, as fields (closing a bucket writes all six) and by name.
  private readonly counts: BucketSeries;
  private readonly means: BucketSeries;
  private readonly maxes: BucketSeries;
  private readonly p50s: BucketSeries;
  private readonly p90s: BucketSeries;
  private readonly p99s: BucketSeries;
  private readonly stats: Record<HistogramStat, BucketSeries>;
  private readonly quantiles = new Float64Array(BUCKET_QUANTILES.length);
  // Numbers initialised here rather than first in the constructor, so that V8 stores them
  // unboxed from the start.
  private readonly bucketS: number = 0;
  private bucket = 0;
  private bucketEnd: number = 0;

  constructor(readonly name: string, private readonly clock: Clock, bucketS: number, buckets: number) {
    this.bucketS = bucketS;
    this.bucketEnd = bucketS;
    this.counts = new BucketSeries(buckets);
    this.means = new BucketSeries(buckets);
    this.maxes = new BucketSeries(buckets);
    this.p50s = new BucketSeries(buckets);
    this.p90s = new BucketSeries(buckets);
    this.p99s = new BucketSeries(buckets);
    this.stats = { count: this.counts, mean: this.means, p50: this.p50s, p90: this.p90s, p99: this.p99s, max: this.maxes };
  }

  record(v: number): void {
    if (this.clock.now >= this.bucketEnd) this.rollToNow();
    this.current.record(v);
  }

  /**
   * Records the time since `times[index]` (a job's creation or enqueue time): `record(now -
   * times[index])`, for per-job paths. It takes no double, so a call V8 does not inline
   * boxes nothing on the heap.
   */
  recordSince(times: Float64Array, index: number): void {
    const now = this.clock.now;
    if (now >= this.bucketEnd) this.rollToNow();
    this.current.record(now - times[index]!);
  }

  // Out of record, which stays small enough for V8 to inline into its callers.
  private rollToNow(): void {
    this.roll(Math.floor(this.clock.now / this.bucketS));
  }

  private roll(b: number): void {
    const h = this.current;
    this.counts.set(this.bucket, h.count);
    if (h.count > 0) {
      this.means.set(this.bucket, h.mean);
      this.maxes.set(this.bucket, h.max);
      // One pass: the bucket's quantiles, its bins added to the run's, and cleared.
      h.drainInto(this.total, BUCKET_QUANTILES, this.quantiles);
      this.p50s.set(this.bucket, this.quantiles[0]!);
      this.p90s.set(this.bucket, this.quantiles[1]!);
      this.p99s.set(this.bucket, this.quantiles[2]!);
    }
    for (let i = this.bucket + 1; i < b; i++) this.counts.set(i, 0);
    this.bucket = b;
    this.bucketEnd = (b + 1) * this.bucketS;
  }

  finish(buckets: number): void {
    if (this.bucket < buckets) this.roll(buckets);
  }

  get count(): number {
    return this.total.count + this.current.count;
  }

  /** The q-quantile over the run (after finish). */
  quantile(q: number): number {
    return this.total.quantile(q);
  }

  get mean(): number {
    return this.total.mean;
  }

  get max(): number {
    return this.total.max;
  }

  /** Worst bucket for a statistic, e.g. bucketWorst('p99') = p99 of the worst minute. */
  bucketWorst(stat: HistogramStat): number {
    return this.stats[stat].max();
  }

  bucketValues(stat: HistogramStat): readonly number[] {
    return this.stats[stat].toArray();
  }

  series(): Series[] {
    return BUCKET_STATS.map((stat) => ({ metric: this.name, stat, values: this.stats[stat].toArray() }));
  }
}
