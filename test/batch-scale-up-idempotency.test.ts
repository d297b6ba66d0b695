import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import model from '../models/batch-scale-up.ts';
import { runModel } from '../src/index.ts';
import { checkProperty } from './helpers/property.ts';

/**
 * A fault timeline and a policy mix: random downstream crashes (their times drawn from the
 * seed), operator delays and patience, scales, leaks, commit points, chunking, the per-user
 * state, bad-data handling, surfaced errors and their retries, alerts.
 */
const scenario = fc.record({
  seed: fc.integer({ min: 0, max: 10_000 }),
  scale: fc.integer({ min: 1, max: 100 }).map((tenths) => tenths / 10),
  'downstream-crash-mtbf': fc.constantFrom('0', '2m', '10m', '1h', '6h'),
  'downstream-leak-mb': fc.constantFrom(0, 0.5, 1, 3.5, 10),
  'commit-at-ratio': fc.integer({ min: 0, max: 10 }).map((tenths) => tenths / 10),
  'operator-delay': fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 360 })).map(([lo, extra]) => `uniform(${lo}m, ${lo + extra}m)`),
  'operator-patience': fc.constantFrom<number | string>(1, 3, 'unlimited'),
  'chunk-size': fc.constantFrom<number | string>('unlimited', 50, 500),
  'ids-in-request': fc.boolean(),
  checkpoint: fc.boolean(),
  'bad-data': fc.constantFrom('stop', 'skip', 'report'),
  'surface-errors': fc.boolean(),
  retries: fc.constantFrom(0, 3),
  alert: fc.boolean(),
  'downstream-restart-at-mb': fc.constantFrom<number | string>('unlimited', 1536),
});

describe('batch-scale-up: idempotency keys', () => {
  test('with idempotency keys on, no user has money moved twice for any fault timeline, and every user is accounted for', () => {
    checkProperty(
      fc.property(scenario, ({ seed, ...params }) => {
        const m = runModel(model, { seed, durationS: 12 * 3600, params: { ...params, 'idempotency-keys': true } }).metrics;
        expect(m.duplicates).toBe(0);
        expect(m.money_movements).toBe(m.users_processed);
        expect(m.users_processed! + m.users_failed! + m.users_unprocessed!).toBe(m.users_total);
        expect(m.users_failed).toBeLessThanOrEqual(m.users_bad_data!);
      }),
      { numRuns: 60 },
    );
  });

  test('the same timelines without idempotency keys do move money twice, so the property above can fail', () => {
    const m = runModel(model, { seed: 1, durationS: 12 * 3600, params: { scale: 3, 'downstream-crash-mtbf': '10m', 'bad-data': 'report', 'surface-errors': true, alert: true } }).metrics;
    expect(m.downstream_crashes).toBeGreaterThan(0);
    expect(m.duplicates).toBeGreaterThan(0);
  });
});
