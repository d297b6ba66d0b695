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

  test('values in the zero bin and beyond the last bin are drained too, and the bucket is left empty', () => {
    // The occupied range comes from the exact min and max: a bucket whose min is in the zero
    // bin (negative, tiny) and whose max is past the last bin (huge, Infinity) is read whole.
    const bucket = new LogHistogram();
    const total = new LogHistogram();
    const out = new Float64Array(4);
    for (const v of [-5, 1e-9, 0, 3, 3, 1e15, Infinity, 2 ** -20]) bucket.record(v);
    bucket.drainInto(total, [0.25, 0.5, 0.75, 0.875], out);
    // In order: -5, 0 and 1e-9 in the zero bin, 2^-20 in the first bin, 3, 3, then 1e15 and
    // Infinity in the last bin. Ranks 2, 4, 6 and 7 of 8: the zero bin (the min clamped to 0),
    // the first bin, 3's bin, the last bin (its midpoint, ~2.2e12).
    expect(out[0]).toBe(0);
    expect(Math.abs(out[1]! / 2 ** -20 - 1)).toBeLessThan(0.01);
    expect(Math.abs(out[2]! / 3 - 1)).toBeLessThan(0.01);
    expect(out[3]).toBeGreaterThan(2e12);
    expect(out[3]).toBeLessThan(1e15);
    expect([...bucket.counts].every((c) => c === 0)).toBe(true);
    expect(total.count).toBe(8);
    expect(total.counts.reduce((a, c) => a + c, 0)).toBe(5);
    expect(total.quantile(1)).toBe(Infinity);
    // The next bucket starts clean: one value, read back alone.
    bucket.record(0.25);
    bucket.drainInto(total, [0.5], out);
    expect(out[0]).toBe(0.25);
  });
});
