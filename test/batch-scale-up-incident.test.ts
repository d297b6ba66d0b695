import { describe, expect, test } from 'vitest';
import model from '../models/batch-scale-up.ts';
import { runModel } from '../src/index.ts';

const SEEDS = [1, 2, 3, 4, 5];
const FIXED = { checkpoint: true, 'per-item-failure': true, 'downstream-restart-at-mb': 1536 };
const run = (seed: number, params: Record<string, unknown>) => runModel(model, { seed, params }).metrics;

describe('batch-scale-up: the incident', () => {
  test('at 1x with defaults the batch completes in minutes: every user once, no crash, nobody presses again', () => {
    for (const seed of SEEDS) {
      const m = run(seed, { scale: 1 });
      expect(m).toMatchObject({
        users_total: 400,
        users_processed: 400,
        users_failed: 0,
        users_unprocessed: 0,
        duplicates: 0,
        downstream_crashes: 0,
        operator_restarts: 0,
        batch_completed: 1,
        // 512 MB at start + 1 MB leaked per request x 400 requests.
        downstream_memory_mb_max: 912,
      });
      expect(m.makespan_s).toBeLessThan(10 * 60);
    }
  });

  test('at 5x with defaults the batch stops and starts all weekend: crashes, re-runs, duplicates, users left unprocessed', () => {
    for (const seed of SEEDS) {
      const m = run(seed, { scale: 5 });
      expect(m.users_total).toBe(2000);
      expect(m.batch_completed).toBe(0);
      // The first new user with bad data stops every run at the same place.
      expect(m.batch_stops_bad_data).toBeGreaterThanOrEqual(10);
      expect(m.operator_restarts).toBeGreaterThanOrEqual(10);
      expect(m.operator_restarts).toBeLessThanOrEqual(30);
      // The leak outlives the runs: the downstream reaches its limit several times.
      expect(m.downstream_crashes).toBeGreaterThanOrEqual(2);
      expect(m.downstream_memory_mb_max).toBe(2048);
      expect(m.errors_swallowed).toBeGreaterThan(0);
      // Every re-run moves money again for the users before the bad one.
      expect(m.duplicates).toBeGreaterThan(1000);
      expect(m.users_unprocessed).toBeGreaterThan(1000);
      expect(m.makespan_s).toBe(64 * 3600);
    }
  });

  test('at 5x with checkpoint, per-item failure and downstream restarts the batch completes once: zero duplicates, only the bad-data users failed', () => {
    for (const seed of SEEDS) {
      const m = run(seed, { scale: 5, ...FIXED });
      expect(m.batch_completed).toBe(1);
      expect(m.duplicates).toBe(0);
      expect(m.downstream_crashes).toBe(0);
      expect(m.downstream_restarts).toBeGreaterThanOrEqual(1);
      expect(m.operator_restarts).toBe(0);
      expect(m.users_failed).toBe(m.users_bad_data);
      expect(m.users_bad_data).toBeGreaterThan(0);
      expect(m.users_processed).toBe(2000 - m.users_bad_data!);
      expect(m.users_unprocessed).toBe(0);
      expect(m.makespan_s).toBeLessThan(30 * 60);
    }
  });

  test('per-item failure alone is not enough at 5x: the downstream crashes, its errors are swallowed and the batch reports success with users unprocessed', () => {
    const m = run(1, { scale: 5, 'per-item-failure': true });
    expect(m).toMatchObject({ batch_completed: 1, downstream_crashes: 1, operator_restarts: 0, duplicates: 0 });
    expect(m.errors_swallowed).toBeGreaterThan(100);
    // Each swallowed error is a user whose money never moved, except the few killed in flight
    // after their commit point (at most the batch's 4 calls in flight).
    expect(m.users_unprocessed).toBeLessThanOrEqual(m.errors_swallowed!);
    expect(m.users_unprocessed).toBeGreaterThanOrEqual(m.errors_swallowed! - 4);
  });

  test('a checkpoint without idempotency keys still moves money twice for the users in flight when a run aborts', () => {
    const m = run(1, { scale: 5, checkpoint: true });
    expect(m.batch_completed).toBe(0);
    expect(m.duplicates).toBeGreaterThan(0);
    // At most the other in-flight calls (batch concurrency 4, so 3) per abort.
    expect(m.duplicates).toBeLessThanOrEqual(3 * m.batch_stops_bad_data!);
    const keyed = run(1, { scale: 5, checkpoint: true, 'idempotency-keys': true });
    expect(keyed.duplicates).toBe(0);
  });

  test('the same seed and parameters give identical metrics', () => {
    expect(run(7, { scale: 5 })).toEqual(run(7, { scale: 5 }));
  });

  test('surfaced errors with retries ride out the crash at 5x; the calls killed after their commit point move money twice unless idempotency keys are on', () => {
    const retried = run(1, { scale: 5, 'per-item-failure': true, 'surface-errors': true, retries: 5 });
    expect(retried).toMatchObject({ batch_completed: 1, downstream_crashes: 1, operator_restarts: 0, users_unprocessed: 0 });
    expect(retried.batch_retries_total).toBeGreaterThan(0);
    expect(retried.duplicates).toBeGreaterThan(0);
    expect(retried.duplicates).toBeLessThanOrEqual(4);
    const keyed = run(1, { scale: 5, 'per-item-failure': true, 'surface-errors': true, retries: 5, 'idempotency-keys': true });
    expect(keyed).toMatchObject({ batch_completed: 1, duplicates: 0, users_unprocessed: 0 });
  });
});
