import { describe, expect, test } from 'vitest';
import model from '../models/thundering-herd.ts';
import { runModel } from '../src/index.ts';

describe('thundering-herd with --jitter 15m: the incident\'s fix', () => {
  test('spreading the hourly runs over +-15 min keeps the worst-minute API p99 under 500 ms with no 503s', () => {
    // 80 minutes: the whole jitter window around 1h (45 min to 75 min) and the hour before it.
    const r = runModel(model, { seed: 1, durationS: 80 * 60, params: { jitter: '15m' } });
    const m = r.metrics;
    expect(m.hourly_runs).toBe(5000);
    expect(m.api_errors).toBe(0);
    expect(m.api_latency_p99_ms_worst_minute).toBeLessThan(500);
    expect(m.outage_minutes).toBe(0);
    expect(m.db_connections_max).toBeLessThan(200);
    expect(m.db_cpu_max_ratio).toBeLessThan(0.95);
    expect(m.jobs_executing_max).toBeLessThan(200);
    // Jobs run when they are due: late by the poll interval and their own run time only.
    expect(m.job_lateness_p99_s).toBeLessThan(5);
  });
});
