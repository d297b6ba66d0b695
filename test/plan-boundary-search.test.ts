import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { searchBoundary } from '../src/plan/boundary-search.ts';
import { checkAsyncProperty } from './helpers/property.ts';

const judge = (pass: (x: number) => boolean) => (xs: readonly number[]) => Promise.resolve(xs.map(pass));

describe('the boundary search', () => {
  test('finds the largest passing whole number with a grid then bisection, and records every point tried', async () => {
    const out = await searchBoundary({ goal: 'largest', lo: 0, hi: 100, integer: true, resolution: 1, gridPoints: 6 }, judge((x) => x <= 37));
    expect(out.kind).toBe('answer');
    if (out.kind !== 'answer') return;
    expect(out.value).toBe(37);
    expect(out.bracket).toEqual([37, 38]);
    expect(out.tried.map((p) => p.value)).toEqual([0, 20, 30, 35, 37, 38, 40, 60, 80, 100]);
  });

  test('finds the smallest passing resource', async () => {
    const out = await searchBoundary({ goal: 'smallest', lo: 1, hi: 64, integer: true, resolution: 1 }, judge((x) => x >= 23));
    expect(out).toMatchObject({ kind: 'answer', value: 23, bracket: [22, 23] });
  });

  test('for any monotone threshold the answer is within the resolution on the passing side', () => {
    return checkAsyncProperty(
      fc.asyncProperty(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.constantFrom<'largest' | 'smallest'>('largest', 'smallest'), async (t, goal) => {
        const pass = goal === 'largest' ? (x: number) => x <= t : (x: number) => x >= t;
        const out = await searchBoundary({ goal, lo: 0, hi: 1, integer: false, resolution: 0.001 }, judge(pass));
        if (out.kind !== 'answer') return false;
        return pass(out.value) && Math.abs(out.value - t) <= 0.001;
      }),
      { numRuns: 200 },
    );
  });

  test('a response that is good, bad, then good again is reported as not monotone, with no answer', async () => {
    const out = await searchBoundary({ goal: 'largest', lo: 0, hi: 100, integer: true, resolution: 1, gridPoints: 6 }, judge((x) => x < 30 || x > 70));
    expect(out.kind).toBe('non-monotone');
    if (out.kind !== 'non-monotone') return;
    expect(out.reason).toBe('the response is not monotone: 0 meets the SLOs, 40 misses them, 80 meets them again; narrow the range or plan on another parameter');
  });

  test('no answer when the SLO fails at the minimum; the maximum when it holds everywhere', async () => {
    expect(await searchBoundary({ goal: 'largest', lo: 5, hi: 10, integer: true, resolution: 1 }, judge(() => false))).toMatchObject({ kind: 'none', reason: 'the SLOs fail even at the minimum 5' });
    expect(await searchBoundary({ goal: 'largest', lo: 5, hi: 10, integer: true, resolution: 1 }, judge(() => true))).toMatchObject({ kind: 'answer', value: 10, bracket: null });
    expect(await searchBoundary({ goal: 'smallest', lo: 5, hi: 10, integer: true, resolution: 1 }, judge(() => false))).toMatchObject({ kind: 'none', reason: 'no value up to the maximum 10 meets every SLO' });
  });
});
