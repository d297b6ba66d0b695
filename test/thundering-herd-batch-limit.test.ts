import { describe, expect, test } from 'vitest';
import model from '../models/thundering-herd.ts';
import { runModel } from '../src/index.ts';

// The hour before :00, the herd, and eight minutes for it to drain.
const DURATION_S = 68 * 60;

describe('thundering-herd: batch LIMIT and bounded job concurrency', () => {
  test('a batch LIMIT of 50 with bounded job concurrency protects the API, and the hourly jobs finish minutes late instead', () => {
    const m = runModel(model, { seed: 1, durationS: DURATION_S, params: { 'batch-size': 50, 'job-concurrency': 50 } }).metrics;
    expect(m.hourly_runs).toBe(5000);
    expect(m.api_errors).toBe(0);
    expect(m.api_latency_p99_ms_worst_minute).toBeLessThan(500);
    expect(m.db_connections_max).toBeLessThan(200);
    expect(m.jobs_executing_max).toBeLessThanOrEqual(50);
    // The 5,000 jobs wait in the table instead of in the pool: the cost moves to lateness.
    expect(m.job_queue_depth_max).toBeGreaterThanOrEqual(5000);
    expect(m.job_lateness_p99_s).toBeGreaterThan(60);
    expect(m.job_lateness_max_s).toBeLessThan(8 * 60);
  });

  test('a batch LIMIT alone does not help while every fetched job starts at once', () => {
    const m = runModel(model, { seed: 1, durationS: DURATION_S, params: { 'batch-size': 50 } }).metrics;
    expect(m.api_errors).toBeGreaterThan(0);
    expect(m.db_connections_max).toBe(200);
  });
});
