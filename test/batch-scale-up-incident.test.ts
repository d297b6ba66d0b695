import { describe, expect, test } from 'vitest';
import model from '../models/batch-scale-up.ts';
import { runModel } from '../src/index.ts';

const SEEDS = [1, 2, 3, 4, 5];
const FIXED = { 'bad-data': 'report', 'downstream-restart-at-mb': 1536 };
const run = (seed: number, params: Record<string, unknown> = {}) => runModel(model, { seed, params }).metrics;

describe('batch-scale-up: the incident', () => {
  test('at 1x the usual batch completes in minutes: every user once, no crash, nobody presses again', () => {
    for (const seed of SEEDS) {
      const m = run(seed, { scale: 1 });
      expect(m).toMatchObject({
        users_total: 400,
        users_processed: 400,
        users_failed: 0,
        users_unprocessed: 0,
        users_left_at_end: 0,
        duplicates: 0,
        downstream_crashes: 0,
        operator_restarts: 0,
        batch_completed: 1,
        // 512 MB at start + 3.5 MB leaked per request x 400 requests: just under the 2,048 MB limit.
        downstream_memory_mb_max: 1912,
      });
      expect(m.makespan_s).toBeLessThan(10 * 60);
    }
  });

  test('at 5x each press gets a few hundred users further before the leak kills the downstream, until only the bad-data users are left', () => {
    for (const seed of SEEDS) {
      const m = run(seed);
      expect(m.users_total).toBe(2000);
      // The leak kills the downstream every ~440 users: four crashes for 2,000.
      expect(m.downstream_crashes).toBe(4);
      expect(m.downstream_memory_mb_max).toBeGreaterThanOrEqual(2048);
      expect(m.errors_swallowed).toBeGreaterThan(1000);
      // Five presses that make progress, then one more that changes nothing, and the admins stop.
      expect(m.batch_presses).toBe(6);
      expect(m.presses_without_progress).toBe(1);
      expect(m.operator_gave_up).toBe(1);
      // About half left when the admins go home on Friday; fewer than 100 before the last press.
      expect(m.users_left_first_night).toBeGreaterThanOrEqual(0.3 * 2000);
      expect(m.users_left_first_night).toBeLessThanOrEqual(0.6 * 2000);
      expect(m.users_left_before_last_press).toBeLessThan(100);
      expect(m.users_left_before_last_press).toBe(m.users_bad_data);
      // Every user but the bad-data ones was paid; a few twice: calls a crash caught past their commit point.
      expect(m.users_unprocessed).toBe(0);
      expect(m.users_failed).toBe(m.users_bad_data);
      expect(m.duplicates).toBeGreaterThan(0);
      expect(m.duplicates).toBeLessThanOrEqual(4 * m.downstream_crashes!);
      // Saturday, not Friday evening: the night in between is nobody's.
      expect(m.makespan_s).toBeGreaterThan(18 * 3600);
      expect(m.makespan_s).toBeLessThan(40 * 3600);
    }
  });

  test('with bad users reported and planned downstream restarts one press does it: zero duplicates, only the bad-data users failed', () => {
    for (const seed of SEEDS) {
      const m = run(seed, FIXED);
      expect(m).toMatchObject({ batch_completed: 1, duplicates: 0, downstream_crashes: 0, operator_restarts: 0, users_unprocessed: 0, users_left_at_end: 0, batch_presses: 1 });
      expect(m.downstream_restarts).toBeGreaterThanOrEqual(1);
      expect(m.users_failed).toBe(m.users_bad_data);
      expect(m.users_bad_data).toBeGreaterThan(0);
      expect(m.users_processed).toBe(2000 - m.users_bad_data!);
      // Seven planned restarts of 3 minutes each, one every ~290 users.
      expect(m.makespan_s).toBeLessThan(45 * 60);
    }
  });

  test('idempotency keys make the crashes harmless to money but not to the weekend', () => {
    const m = run(1, { 'idempotency-keys': true });
    expect(m).toMatchObject({ duplicates: 0, batch_presses: 6, downstream_crashes: 4 });
    expect(m.downstream_idempotent_replays).toBeGreaterThan(0);
    expect(m.makespan_s).toBeGreaterThan(18 * 3600);
  });

  test('surfaced errors with retries ride out the crashes in one press; calls killed after their commit point move money twice unless idempotency keys are on', () => {
    const retried = run(1, { 'surface-errors': true, retries: 5 });
    expect(retried).toMatchObject({ batch_completed: 1, downstream_crashes: 4, users_unprocessed: 0, errors_swallowed: 0 });
    expect(retried.batch_retries_total).toBeGreaterThan(0);
    expect(retried.duplicates).toBeGreaterThan(0);
    expect(retried.duplicates).toBeLessThanOrEqual(16);
    // The unreported bad users still draw one more press, which changes nothing.
    expect(retried.batch_presses).toBe(2);
    const keyed = run(1, { 'surface-errors': true, retries: 5, 'idempotency-keys': true });
    expect(keyed).toMatchObject({ batch_completed: 1, duplicates: 0, users_unprocessed: 0 });
  });

  test('without the per-user state every press starts at the first user: the admins see nothing recorded and stop', () => {
    const m = run(1, { checkpoint: false });
    expect(m).toMatchObject({ batch_presses: 1, presses_without_progress: 1, operator_gave_up: 1, downstream_crashes: 1 });
    expect(m.users_unprocessed).toBeGreaterThan(1500);
  });

  test('the bug fixed before the run (a bad user aborts the run) would have stuck the batch at the first bad user', () => {
    const m = run(1, { 'bad-data': 'stop' });
    expect(m).toMatchObject({ batch_presses: 2, batch_stops_bad_data: 2, presses_without_progress: 1, downstream_crashes: 0 });
    expect(m.users_unprocessed).toBeGreaterThan(1500);
  });

  test('the same seed and parameters give identical metrics', () => {
    expect(run(7)).toEqual(run(7));
  });
});
