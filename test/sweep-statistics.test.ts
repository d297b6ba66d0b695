import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { meanInterval } from '../src/sweep/mean-interval.ts';
import { studentTQuantile } from '../src/sweep/student-t.ts';
import { checkProperty } from './helpers/property.ts';

describe('confidence intervals over replications', () => {
  test("Student's t quantiles match the published table to nine digits", () => {
    // t(0.975, df) from standard tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    const table: [number, number][] = [
      [1, 12.7062047],
      [2, 4.30265273],
      [4, 2.77644511],
      [9, 2.26215716],
      [29, 2.04522964],
      [100, 1.98397152],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 6);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.26215716, 6);
  });

  test('the interval of 1, 2, 3 is 2 ± t(0.975, 2) / √3', () => {
    expect(meanInterval([1, 2, 3])).toEqual({ n: 3, mean: 2, sd: 1, ci95Low: -0.4841377, ci95High: 4.484138 });
  });

  test('one value has a mean but no spread; missing values are left out', () => {
    expect(meanInterval([5])).toEqual({ n: 1, mean: 5, sd: null, ci95Low: null, ci95High: null });
    expect(meanInterval([null, 4, null, 6])).toEqual({ n: 2, mean: 5, sd: 1.414214, ci95Low: -7.706205, ci95High: 17.70620 });
    expect(meanInterval([null])).toEqual({ n: 0, mean: null, sd: null, ci95Low: null, ci95High: null });
  });

  test('the interval always contains the mean and shrinks as replications agree', () => {
    checkProperty(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 30 }), (xs) => {
        const s = meanInterval(xs);
        expect(s.ci95Low!).toBeLessThanOrEqual(s.mean!);
        expect(s.ci95High!).toBeGreaterThanOrEqual(s.mean!);
        expect(s.sd!).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
