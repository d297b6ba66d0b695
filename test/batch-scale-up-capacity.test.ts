import { describe, expect, test } from 'vitest';
import model from '../models/batch-scale-up.ts';
import { runModel } from '../src/index.ts';

const run = (scale: number, params: Record<string, unknown> = {}, seed = 1) => runModel(model, { seed, params: { scale, ...params } }).metrics;

describe('batch-scale-up: where each mechanism breaks', () => {
  test('the leak kills the downstream once it has served 439 requests, (2048 - 512) MB / 3.5 MB: 1x fits, 1.2x does not', () => {
    expect(run(1)).toMatchObject({ batch_completed: 1, downstream_crashes: 0, batch_presses: 1 });
    // 440 users, 4 with bad data: 436 requests, 2,038 MB.
    expect(run(1.1)).toMatchObject({ downstream_crashes: 0, downstream_memory_mb_max: 2038 });
    const m = run(1.2);
    expect(m.downstream_crashes).toBe(1);
    expect(m.downstream_requests).toBeGreaterThan(480);
    // The next press, hours later, finishes the users the crash left.
    expect(m.batch_completed).toBe(1);
    expect(m.users_unprocessed).toBe(0);
  });

  test('with the ids in the URL the request is rejected from 2.5x: 200 + 8 chars per user against 8,192', () => {
    expect(run(2.4, { 'ids-in-request': true })).toMatchObject({ request_chars: 7880, requests_rejected: 0 });
    const m = run(2.5, { 'ids-in-request': true });
    expect(m).toMatchObject({ request_chars: 8200, users_processed: 0, downstream_requests: 0, batch_completed: 0 });
    expect(m.requests_rejected).toBe(m.batch_presses);
    // The workaround of the day: the list hard-coded on the server, no ids in the request.
    expect(run(2.5)).toMatchObject({ request_chars: 200, requests_rejected: 0 });
  });

  test('with every fix stacked the batch completes at 10x in one press with no duplicates and only the bad-data users failed', () => {
    const m = run(10, { 'ids-in-request': true, fixes: 'report+restart+idempotency+chunking' });
    expect(m).toMatchObject({ users_total: 4000, batch_completed: 1, duplicates: 0, downstream_crashes: 0, batch_presses: 1, users_unprocessed: 0 });
    expect(m.users_failed).toBe(m.users_bad_data);
    expect(m.request_chars).toBe(200 + 500 * 8);
  });

  test('a fixes bundle is the same run as its policies set one by one', () => {
    const bundled = run(5, { fixes: 'report+restart+idempotency' });
    const single = run(5, { 'bad-data': 'report', 'downstream-restart-at-mb': 1536, 'idempotency-keys': true });
    expect(bundled).toEqual(single);
  });
});
