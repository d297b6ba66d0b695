import { describe, expect, test } from 'vitest';
import model from '../models/batch-scale-up.ts';
import { runModel } from '../src/index.ts';

const run = (scale: number, params: Record<string, unknown> = {}, seed = 1) => runModel(model, { seed, params: { scale, ...params } }).metrics;

describe('batch-scale-up: where each mechanism breaks', () => {
  test('bad data breaks the default batch at the first growth: 1x completes, 2x never does', () => {
    for (const seed of [1, 2, 3]) {
      expect(run(1, {}, seed)).toMatchObject({ batch_completed: 1, batch_stops_bad_data: 0 });
      const m = run(2, {}, seed);
      expect(m.batch_completed).toBe(0);
      expect(m.batch_stops_bad_data).toBeGreaterThan(0);
    }
  });

  test('the leak kills the downstream within one run from 4x: (2048 - 512) MB / 1 MB = 1536 requests', () => {
    // Per-item failure on, so bad data does not stop the run before the leak shows.
    expect(run(3, { 'per-item-failure': true })).toMatchObject({ batch_completed: 1, downstream_crashes: 0, users_unprocessed: 0 });
    const m = run(4, { 'per-item-failure': true });
    expect(m.downstream_crashes).toBe(1);
    expect(m.downstream_memory_mb_max).toBe(2048);
    expect(m.users_unprocessed).toBeGreaterThan(0);
  });

  test('the request length limit rejects the one-request trigger from 6x: 200 + 8 chars per user against 16,384', () => {
    expect(run(5)).toMatchObject({ request_chars: 16_200, requests_rejected: 0 });
    const m = run(6);
    expect(m).toMatchObject({ request_chars: 19_400, users_processed: 0, downstream_requests: 0, batch_completed: 0 });
    expect(m.requests_rejected).toBe(m.batch_presses);
  });

  test('with every fix stacked the batch completes at 10x with no duplicates and only the bad-data users failed', () => {
    const m = run(10, { fixes: 'per-item+restart+checkpoint+chunking' });
    expect(m).toMatchObject({ users_total: 4000, batch_completed: 1, duplicates: 0, downstream_crashes: 0, operator_restarts: 0, users_unprocessed: 0 });
    expect(m.users_failed).toBe(m.users_bad_data);
    expect(m.request_chars).toBe(200 + 500 * 8);
  });

  test('a fixes bundle is the same run as its policies set one by one', () => {
    const bundled = run(5, { fixes: 'per-item+restart+checkpoint' });
    const single = run(5, { 'per-item-failure': true, 'downstream-restart-at-mb': 1536, checkpoint: true });
    expect(bundled).toEqual(single);
  });
});
