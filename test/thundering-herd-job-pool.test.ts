import { describe, expect, test } from 'vitest';
import model from '../models/thundering-herd.ts';
import { runModel } from '../src/index.ts';

// The hour before :00, the herd, and eight minutes for it to drain.
const DURATION_S = 68 * 60;

describe('thundering-herd: a separate job pool', () => {
  test('a separate job pool of 50 out of the 200 keeps connections free for the API', () => {
    const m = runModel(model, { seed: 1, durationS: DURATION_S, params: { 'job-pool': 50 } }).metrics;
    expect(m.api_errors).toBe(0);
    expect(m.api_latency_p99_ms_worst_minute).toBeLessThan(500);
    expect(m.db_connections_max).toBeLessThan(200);
    expect(m.job_lateness_p99_s).toBeGreaterThan(60);
  });

  test('a job pool as large as the whole pool is refused with a message saying what to do', () => {
    expect(() => runModel(model, { seed: 1, durationS: 60, params: { 'job-pool': 200 } })).toThrow(/--job-pool 200 leaves no connections for the API/);
  });
});
