import type { Clock } from '../kernel/simulation.ts';
import { BucketSeries } from './bucket-series.ts';
import type { Series } from './series.ts';

/** A count of events, in total and per time bucket. */
export class Counter {
  total = 0;
  private readonly perBucket: BucketSeries;
  // Numbers initialised here rather than first in the constructor, so that V8 stores them
  // unboxed from the start.
  private readonly bucketS: number = 0;
  private bucket = 0;
  private bucketEnd: number = 0;
  private bucketCount = 0;

  constructor(readonly name: string, private readonly clock: Clock, bucketS: number, buckets: number) {
    this.bucketS = bucketS;
    this.bucketEnd = bucketS;
    this.perBucket = new BucketSeries(buckets);
  }

  add(n = 1): void {
    if (this.clock.now >= this.bucketEnd) this.rollToNow();
    this.bucketCount += n;
    this.total += n;
  }

  // Out of add, which stays small enough for V8 to inline into its callers.
  private rollToNow(): void {
    this.roll(Math.floor(this.clock.now / this.bucketS));
  }

  private roll(b: number): void {
    this.perBucket.set(this.bucket, this.bucketCount);
    for (let i = this.bucket + 1; i < b; i++) this.perBucket.set(i, 0);
    this.bucket = b;
    this.bucketEnd = (b + 1) * this.bucketS;
    this.bucketCount = 0;
  }

  /** Closes the buckets up to `buckets` (the run's end). */
  finish(buckets: number): void {
    if (this.bucket < buckets) this.roll(buckets);
  }

  series(): Series[] {
    return [{ metric: this.name, stat: 'count', values: this.perBucket.toArray() }];
  }
}
