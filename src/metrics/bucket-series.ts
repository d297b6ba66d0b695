/** One value per time bucket, growing as the run goes on; NaN marks a bucket with no value. */
export class BucketSeries {
  private values: Float64Array;
  length = 0;

  constructor(initial = 64) {
    this.values = new Float64Array(Math.max(1, initial)).fill(NaN);
  }

  set(i: number, v: number): void {
    if (i >= this.values.length) {
      const next = new Float64Array(Math.max(i + 1, this.values.length * 2)).fill(NaN);
      next.set(this.values);
      this.values = next;
    }
    this.values[i] = v;
    if (i >= this.length) this.length = i + 1;
  }

  get(i: number): number {
    return i < this.length ? this.values[i]! : NaN;
  }

  toArray(): number[] {
    // A plain loop: Array.from over a typed array goes through the iterator protocol.
    const out = new Array<number>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.values[i]!;
    return out;
  }

  /** Largest value over the buckets, ignoring empty ones; NaN if all are empty. */
  max(): number {
    let m = NaN;
    for (let i = 0; i < this.length; i++) {
      const v = this.values[i]!;
      if (v > m || (m !== m && v === v)) m = v;
    }
    return m;
  }
}
