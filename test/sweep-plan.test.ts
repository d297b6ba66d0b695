import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { jobCount, pointCoordinates, type SweepPlan, sweepJob } from '../src/sweep/sweep-plan.ts';
import { checkProperty } from './helpers/property.ts';

function plan(sizes: number[], seeds: number[]): SweepPlan {
  return {
    experiment: 'e',
    description: '',
    model: 'm',
    durationS: 1,
    seeds,
    params: { fixed: 1 },
    paramText: { fixed: '1' },
    axes: sizes.map((n, a) => ({ name: `p${a}`, unit: '', values: Array.from({ length: n }, (_, i) => i), labels: Array.from({ length: n }, (_, i) => String(i)) })),
    charts: [],
    checks: [],
  };
}

describe('grid points and replications map to run indices one to one', () => {
  test('run index = point × replications + replication, the last parameter varying fastest', () => {
    const p = plan([2, 3], [5, 9]);
    expect(jobCount(p)).toBe(12);
    expect(sweepJob(p, 0)).toEqual({ index: 0, point: 0, replication: 0, seed: 5, params: { fixed: 1, p0: 0, p1: 0 } });
    expect(sweepJob(p, 3)).toEqual({ index: 3, point: 1, replication: 1, seed: 9, params: { fixed: 1, p0: 0, p1: 1 } });
    expect(sweepJob(p, 11)).toEqual({ index: 11, point: 5, replication: 1, seed: 9, params: { fixed: 1, p0: 1, p1: 2 } });
  });

  test('every combination of values and seeds is run exactly once', () => {
    checkProperty(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 3 }), (sizes, reps) => {
        const p = plan(sizes, Array.from({ length: reps }, (_, i) => i + 1));
        const seen = new Set<string>();
        for (let j = 0; j < jobCount(p); j++) {
          const job = sweepJob(p, j);
          expect(pointCoordinates(p, job.point)).toEqual(sizes.map((_, a) => job.params[`p${a}`]));
          seen.add(JSON.stringify([job.params, job.seed]));
        }
        expect(seen.size).toBe(sizes.reduce((a, b) => a * b, 1) * reps);
      }),
    );
  });
});
