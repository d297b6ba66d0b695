/** One value per time bucket, growing as the run goes on; NaN marks a bucket with no value. */
export class BucketSeries {
  // Entries at and beyond `length` are unwritten (zero, as allocated): a bucket skipped by a
  // set further on is marked NaN then, so a long run's series is not filled twice.
  private values: Float64Array;
  length = 0;

  constructor(initial = 64) {
    this.values = new Float64Array(Math.max(1, initial));
  }

  set(i: number, v: number): void {
    // Closing a bucket appends: that case writes in place, without a call.
    const values = this.values;
    if (i === this.length && i < values.length) {
      values[i] = v;
      this.length = i + 1;
      return;
    }
    if (i >= this.length) this.extend(i);
    this.values[i] = v;
  }

  /** Makes room for bucket i, the buckets from length up to it holding no value. */
  private extend(i: number): void {
    if (i >= this.values.length) {
      const next = new Float64Array(Math.max(i + 1, this.values.length * 2));
      next.set(this.values.subarray(0, this.length));
      this.values = next;
    }
    // (A typed array's fill is a call into the runtime: skipped when there is no gap.)
    if (i > this.length) this.values.fill(NaN, this.length, i);
    this.length = i + 1;
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
