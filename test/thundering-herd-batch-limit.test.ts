import { describe, expect, test } from 'vitest';
import model from '../models/thundering-herd.ts';
import { runModel, type RunResult } from '../src/index.ts';

// The hour before :00, the herd, and a quarter of an hour for it to drain.
const DURATION_S = 75 * 60;

const maxOf = (r: RunResult, metric: string) => Math.max(...r.series.find((s) => s.metric === metric && s.stat === 'max')!.values);

describe('thundering-herd: batch LIMIT and bounded job concurrency', () => {
  test('LIMIT 50 run one after another (the write-up\'s fix): no 503s, and the 5,000 finish long before the next :00', () => {
    const r = runModel(model, { seed: 1, durationS: DURATION_S, params: { 'batch-size': 50, 'job-concurrency': 1 } });
    const m = r.metrics;
    expect(m.hourly_runs).toBe(5000);
    expect(m.api_errors).toBe(0);
    expect(m.api_slow_responses).toBe(0);
    expect(m.api_latency_p99_ms_worst_minute).toBeLessThan(500);
    expect(m.outage_minutes).toBe(0);
    expect(m.db_connections_max).toBeLessThan(150);
    // One hourly job at a time; the batch waits in the table, not in the pool.
    expect(maxOf(r, 'scheduled_jobs_executing')).toBe(1);
    expect(maxOf(r, 'scheduled_jobs_held')).toBeLessThanOrEqual(50);
    expect(m.jobs_due_max).toBe(5000);
    // 5,000 jobs of 100-200 ms back to back: 12.5 minutes of work, drained in under 15.
    expect(m.job_lateness_max_s).toBeGreaterThan(12 * 60);
    expect(m.job_lateness_max_s).toBeLessThan(15 * 60);
    expect(r.series.find((s) => s.metric === 'scheduled_jobs_depth' && s.stat === 'max')!.values[74]).toBe(0);
  });

  // LIMIT 50 with 50 at once: checks/thundering-herd.yaml.

  test('a batch LIMIT alone does not help while every fetched job starts at once', () => {
    const m = runModel(model, { seed: 1, durationS: DURATION_S, params: { 'batch-size': 50 } }).metrics;
    expect(m.db_connections_max).toBe(200);
    expect(m.api_latency_p99_ms_worst_minute).toBeGreaterThan(5000);
    expect(m.outage_minutes).toBeGreaterThanOrEqual(3);
  });
});
