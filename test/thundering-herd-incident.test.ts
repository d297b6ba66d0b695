import { beforeAll, describe, expect, test } from 'vitest';
import model from '../models/thundering-herd.ts';
import { runModel, type RunResult } from '../src/index.ts';

// One hour of normal traffic, the :00 herd, and ten minutes after it.
const DURATION_S = 70 * 60;
const NORMAL = [5, 59] as const;

let r: RunResult;
const series = (metric: string, stat: string): readonly number[] => {
  const s = r.series.find((x) => x.metric === metric && x.stat === stat);
  if (!s) throw new Error(`no series ${metric}/${stat}`);
  return s.values;
};
const minutes = (values: readonly number[], [from, to]: readonly [number, number]) => values.slice(from, to + 1);

beforeAll(() => {
  r = runModel(model, { seed: 1, durationS: DURATION_S });
});

describe('thundering-herd with defaults: the incident', () => {
  test('normal minutes look like the incident report: API p99 120-180 ms, DB CPU 25-35%, 45-65 connections, 15-25 jobs executing', () => {
    for (const p99 of minutes(series('api_latency_ms', 'p99'), NORMAL)) {
      expect(p99).toBeGreaterThanOrEqual(120);
      expect(p99).toBeLessThanOrEqual(180);
    }
    for (const cpu of minutes(series('db_cpu_ratio', 'mean'), NORMAL)) {
      expect(cpu).toBeGreaterThanOrEqual(0.25);
      expect(cpu).toBeLessThanOrEqual(0.35);
    }
    for (const c of minutes(series('db_connections', 'mean'), NORMAL)) {
      expect(c).toBeGreaterThanOrEqual(45);
      expect(c).toBeLessThanOrEqual(65);
    }
    for (const j of minutes(series('jobs_executing', 'mean'), NORMAL)) {
      expect(j).toBeGreaterThanOrEqual(15);
      expect(j).toBeLessThanOrEqual(25);
    }
    expect(minutes(series('api_errors', 'count'), NORMAL).every((e) => e === 0)).toBe(true);
  });

  test('the 5,000 runs are scheduled through the hour, all of them for :00', () => {
    const scheduled = series('jobs_scheduled', 'max');
    // Each job asks at its own point of the hour: about half by :30, nearly all by :58.
    expect(scheduled[29]).toBeGreaterThan(2300);
    expect(scheduled[29]).toBeLessThan(2700);
    expect(scheduled[58]).toBeGreaterThan(4800);
    expect(scheduled[59]).toBe(5000);
    expect(r.metrics.jobs_scheduled_max).toBe(5000);
    // Nothing is due before :00; at :00 all of them are.
    expect(series('scheduled_jobs_depth', 'max').slice(0, 60).every((d) => d === 0)).toBe(true);
    expect(r.metrics.jobs_due_max).toBe(5000);
  });

  test('at :00 the 5,000 jobs start at once, take all 200 connections and saturate the DB CPU', () => {
    const m = r.metrics;
    expect(m.hourly_runs).toBe(5000);
    expect(m.jobs_executing_max).toBeGreaterThanOrEqual(5000);
    expect(m.db_connections_max).toBe(200);
    expect(m.db_cpu_max_ratio).toBeGreaterThanOrEqual(0.95);
    expect(series('db_connections', 'max')[60]).toBe(200);
    expect(series('db_cpu_ratio', 'mean')[60]).toBeGreaterThanOrEqual(0.95);
  });

  test('the API answers slowly or with 503s, its worst-minute p99 5-20 s, for about three minutes', () => {
    const m = r.metrics;
    expect(m.api_errors).toBeGreaterThan(0);
    expect(m.api_error_ratio).toBeGreaterThan(0);
    // Both kinds of bad trace: slow answers (5-15 s) outnumber timeouts, about 8:5 in the write-up.
    const slow = m.api_slow_responses!;
    expect(slow).toBeGreaterThan(m.api_errors!);
    expect(slow).toBeLessThan(3 * m.api_errors!);
    expect(m.api_latency_p99_ms_worst_minute).toBeGreaterThanOrEqual(5000);
    expect(m.api_latency_p99_ms_worst_minute).toBeLessThanOrEqual(20000);
    // The herd is over a little after :03 (it touches four one-minute buckets).
    expect(m.outage_minutes).toBeGreaterThanOrEqual(3);
    expect(m.outage_minutes).toBeLessThanOrEqual(4);
    expect(m.outage_longest_minutes).toBe(m.outage_minutes);
    // The outage is the minutes from :00 on, nothing before.
    const errors = series('api_errors', 'count');
    expect(errors[60]).toBeGreaterThan(0);
    expect(errors.slice(0, 60).every((e) => e === 0)).toBe(true);
  });

  test('the backlog drains a few minutes after :00 and everything is back to normal by :05', () => {
    const m = r.metrics;
    // The last hourly job finishes about three minutes after :00 (the write-up: "drops to 0 at :03").
    expect(m.job_lateness_max_s).toBeGreaterThanOrEqual(150);
    expect(m.job_lateness_max_s).toBeLessThanOrEqual(210);
    for (const minute of [65, 66, 67, 68, 69]) {
      expect(series('jobs_executing', 'max')[minute]).toBeLessThan(100);
      expect(series('api_latency_ms', 'p99')[minute]).toBeLessThanOrEqual(180);
      expect(series('api_errors', 'count')[minute]).toBe(0);
    }
  });

  test('every summary metric the issue names is reported, with a per-minute series behind it', () => {
    const names = [
      'api_latency_p99_ms',
      'api_latency_p99_ms_worst_minute',
      'api_errors',
      'api_error_ratio',
      'db_connections_max',
      'db_cpu_max_ratio',
      'jobs_executing_max',
      'jobs_scheduled_max',
      'jobs_due_max',
      'api_slow_responses',
      'job_lateness_p99_s',
    ];
    for (const name of names) expect(typeof r.metrics[name]).toBe('number');
    // Per-minute series cover the run (a histogram's quantiles stop at its last non-empty minute).
    const perMinute: [string, string][] = [
      ['api_latency_ms', 'p99'],
      ['api_errors', 'count'],
      ['api_arrivals', 'count'],
      ['db_connections', 'max'],
      ['db_cpu_ratio', 'mean'],
      ['jobs_executing', 'max'],
      ['jobs_scheduled', 'max'],
      ['scheduled_jobs_depth', 'max'],
    ];
    for (const [metric, stat] of perMinute) expect(series(metric, stat)).toHaveLength(70);
    // The hourly jobs all progress together, one query each in turn, and finish within :02-:03.
    expect(Number.isFinite(series('job_lateness_s', 'p99')[62])).toBe(true);
  });
});
