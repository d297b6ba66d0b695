import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LogHistogram } from '../src/internal.ts';

// Values from zero through twelve decades, so buckets are sometimes sparse over a wide range
// (drained through the list of occupied bins) and sometimes dense (drained by a scan).
const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-7, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 40 }).map((x) => x / 8));
const QS = [0.01, 0.5, 0.9, 0.99, 1];

describe('closing a histogram bucket', () => {
  test('drainInto gives the quantiles, run totals and empty bucket that quantile(), merge() and reset() give', () => {
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 300 }), { minLength: 1, maxLength: 6 }), (buckets) => {
        const total = new LogHistogram();
        const expectedTotal = new LogHistogram();
        const bucket = new LogHistogram();
        const out = new Float64Array(QS.length);
        for (const values of buckets) {
          const reference = new LogHistogram();
          for (const v of values) {
            bucket.record(v);
            reference.record(v);
          }
          bucket.drainInto(total, QS, out);
          expect([...out]).toEqual(QS.map((q) => reference.quantile(q)));
          expectedTotal.merge(reference);
          expect(bucket.count).toBe(0);
          expect(bucket.quantile(0.5)).toBeNaN();
          expect([...bucket.counts].every((c) => c === 0)).toBe(true);
        }
        expect(total.count).toBe(expectedTotal.count);
        expect(total.sum).toBe(expectedTotal.sum);
        expect([...total.counts]).toEqual([...expectedTotal.counts]);
        for (const q of QS) expect(total.quantile(q)).toBe(expectedTotal.quantile(q));
      }),
      { numRuns: 100 },
    );
  });

  test('a bucket drained after a merge into it still reads every bin', () => {
    const a = new LogHistogram();
    const b = new LogHistogram();
    for (let i = 1; i <= 50; i++) b.record(i * 1000);
    a.record(0.001);
    a.merge(b);
    a.record(2e6);
    const total = new LogHistogram();
    const out = new Float64Array(2);
    const out3 = new Float64Array(3);
    const expected = [a.quantile(0.5), a.quantile(0.99)];
    a.drainInto(total, [0.5, 0.99], out);
    expect([...out]).toEqual(expected);
    expect(total.count).toBe(52);
    expect([...a.counts].every((c) => c === 0)).toBe(true);
    // The next bucket, recorded into the same histogram, is read in order again: no bin of
    // the merged one is left marked as occupied.
    const reference = new LogHistogram();
    for (const v of [3000, 0.5, 7, 3000, 1e5]) {
      a.record(v);
      reference.record(v);
    }
    a.drainInto(total, [0.2, 0.5, 0.99], out3);
    expect([...out3]).toEqual([0.2, 0.5, 0.99].map((q) => reference.quantile(q)));
    expect(total.count).toBe(57);
  });
});
