import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LogHistogram } from '../src/internal.ts';
import { checkProperty } from './helpers/property.ts';

/** Nearest-rank quantile of a sorted array, the definition the histogram estimates. */
function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length - 1e-9) - 1)]!;
}

describe('the log-linear histogram', () => {
  test('every quantile is within 1% of the exact nearest-rank value, for any data', () => {
    checkProperty(
      fc.property(
        fc.array(fc.double({ min: 1e-5, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(0.01, 0.25, 0.5, 0.9, 0.99, 0.999),
        (values, q) => {
          const h = new LogHistogram();
          for (const v of values) h.record(v);
          const exact = exactQuantile([...values].sort((a, b) => a - b), q);
          const est = h.quantile(q);
          return Math.abs(est - exact) <= exact * LogHistogram.relativeError * 1.0000001;
        },
      ),
      { numRuns: 300 },
    );
    expect(LogHistogram.relativeError).toBeLessThanOrEqual(0.01);
  });

  test('merging histograms gives the same answers as recording everything in one', () => {
    const a = new LogHistogram();
    const b = new LogHistogram();
    const all = new LogHistogram();
    for (let i = 1; i <= 1000; i++) {
      (i % 3 ? a : b).record(i * 0.37);
      all.record(i * 0.37);
    }
    a.merge(b);
    for (const q of [0.1, 0.5, 0.9, 0.99]) expect(a.quantile(q)).toBe(all.quantile(q));
    expect(a.count).toBe(1000);
    expect(a.max).toBe(all.max);
  });

  test('zeros count as zero and the maximum is exact', () => {
    const h = new LogHistogram();
    for (let i = 0; i < 90; i++) h.record(0);
    for (let i = 0; i < 10; i++) h.record(123.456);
    expect(h.quantile(0.5)).toBe(0);
    expect(h.quantile(0.9)).toBe(0);
    expect(h.quantile(0.91)).toBeCloseTo(123.456, 0);
    expect(h.quantile(1)).toBe(123.456);
    expect(new LogHistogram().quantile(0.5)).toBeNaN();
  });
});
