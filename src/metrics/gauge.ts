import type { Clock } from '../kernel/simulation.ts';
import { BucketSeries } from './bucket-series.ts';
import type { Series } from './series.ts';

/**
 * A level that changes at event times (connections in use, queue depth, memory). Each time
 * bucket keeps the time-weighted mean and the maximum of the level over the bucket.
 */
export class Gauge {
  value = 0;
  /** Largest level over the whole run. */
  max = 0;
  private readonly means: BucketSeries;
  private readonly maxes: BucketSeries;
  // Numbers initialised here rather than first in the constructor, so that V8 stores them
  // unboxed from the start.
  private readonly bucketS: number = 0;
  private bucket = 0;
  private bucketEnd: number = 0;
  private lastT = 0;
  private area = 0;
  private bucketMax = 0;
  private totalArea = 0;
  private endT = 0;

  constructor(readonly name: string, private readonly clock: Clock, bucketS: number, buckets: number) {
    this.bucketS = bucketS;
    this.bucketEnd = bucketS;
    this.means = new BucketSeries(buckets);
    this.maxes = new BucketSeries(buckets);
  }

  set(v: number): void {
    const t = this.clock.now;
    if (t >= this.bucketEnd) this.rollToNow();
    this.area += this.value * (t - this.lastT);
    this.lastT = t;
    this.value = v;
    if (v > this.bucketMax) this.bucketMax = v;
    if (v > this.max) this.max = v;
  }

  add(delta: number): void {
    this.set(this.value + delta);
  }

  // Out of set, and reading the clock itself: a call that passes a double boxes it.
  private rollToNow(): void {
    this.roll(this.clock.now);
  }

  /** Closes buckets up to time t, the level holding constant in between. */
  private roll(t: number): void {
    const v = this.value;
    const start = this.bucketEnd - this.bucketS;
    this.area += v * (this.bucketEnd - this.lastT);
    this.closeBucket(this.area / (this.bucketEnd - start));
    const b = Math.floor(t / this.bucketS);
    for (let i = this.bucket + 1; i < b; i++) {
      this.means.set(i, v);
      this.maxes.set(i, v);
    }
    this.totalArea += v * this.bucketS * Math.max(0, b - this.bucket - 1);
    this.bucket = b;
    this.bucketEnd = (b + 1) * this.bucketS;
    this.lastT = b * this.bucketS;
    this.area = 0;
    this.bucketMax = v;
  }

  private closeBucket(mean: number): void {
    this.means.set(this.bucket, mean);
    this.maxes.set(this.bucket, this.bucketMax);
    this.totalArea += this.area;
  }

  /** Closes the run at time endT; a partial last bucket's mean is over its own length. */
  finish(endT: number): void {
    if (endT >= this.bucketEnd) this.roll(endT);
    const start = this.bucketEnd - this.bucketS;
    if (endT > start) {
      this.area += this.value * (endT - this.lastT);
      this.lastT = endT;
      this.closeBucket(this.area / (endT - start));
      this.area = 0;
    }
    this.endT = endT;
  }

  /** Time-weighted mean over the run (after finish). */
  get mean(): number {
    return this.endT > 0 ? this.totalArea / this.endT : this.value;
  }

  series(): Series[] {
    return [
      { metric: this.name, stat: 'mean', values: this.means.toArray() },
      { metric: this.name, stat: 'max', values: this.maxes.toArray() },
    ];
  }

  /** Per-bucket maxima, e.g. for "worst minute" figures. */
  bucketMaxes(): readonly number[] {
    return this.maxes.toArray();
  }

  bucketMeans(): readonly number[] {
    return this.means.toArray();
  }
}
