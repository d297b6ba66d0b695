import { describe, expect, test } from 'vitest';
import model from '../models/silent-backlog.ts';
import { runModel } from '../src/index.ts';

const run = (params: Record<string, unknown> = {}) => runModel(model, { seed: 1, params });
const HOUR = 3600;

/** The summary metrics these tests read. */
type Metrics = Record<
  'alerts' | 'backlog_max' | 'detection_delay_s' | 'jobs_completed' | 'jobs_created' | 'print_delay_max_s'
  | 'print_drain_s' | 'print_jobs_delayed' | 'recovery_s' | 'users_affected',
  number
>;

// Incident (DESIGN.md): workers died in an upgrade on a quiet night; the health check covered web, DB and
// app logic but not workers, so nothing alerted; ~6,000 jobs piled up and the worst print job (normally
// < 5 s) waited over 12 h until someone noticed.
describe('silent-backlog with defaults (seed 1)', () => {
  const r = run();
  const m = r.metrics as Metrics;

  test('nothing alerts while about 6,000 jobs pile up', () => {
    expect(m.alerts).toBe(0);
    expect(m.backlog_max).toBeGreaterThanOrEqual(5000);
    expect(m.backlog_max).toBeLessThanOrEqual(7000);
    expect(m.detection_delay_s).toBeGreaterThanOrEqual(12 * HOUR);
  });

  test('the worst print job waits over 12 hours and most users who printed that night are affected', () => {
    expect(m.print_delay_max_s).toBeGreaterThan(12 * HOUR);
    expect(m.print_jobs_delayed).toBeGreaterThanOrEqual(200);
    expect(m.users_affected).toBeGreaterThanOrEqual(80);
  });

  test('every job is eventually done once the workers are back', () => {
    expect(m.jobs_completed).toBe(m.jobs_created);
  });

  test('the backlog chart marks the upgrade and the moment someone noticed: there is no alert to mark', () => {
    const backlog = r.charts.find((c) => c.name === 'backlog')!;
    expect(backlog.marks!.map((x) => x.label)).toEqual(['upgrade: workers die', 'someone notices']);
    expect(backlog.marks![0]!.t).toBe(2 * HOUR);
  });
});

describe('silent-backlog fixes (seed 1)', () => {
  const incident = run().metrics as Metrics;

  test('probing workers alive alerts after 2 failed checks and the backlog stays small', () => {
    const r = run({ 'probe-workers': true });
    const m = r.metrics as Metrics;
    expect([m.alerts, m.detection_delay_s]).toEqual([1, 60]);
    expect(m.backlog_max).toBeLessThan(300);
    expect(m.print_delay_max_s).toBeLessThan(20 * 60);
    expect(m.users_affected).toBeLessThan(15);
    expect(r.charts.find((c) => c.name === 'backlog')!.marks!.map((x) => x.label)).toEqual(['upgrade: workers die', 'alert']);
  });

  test('probing the oldest job\'s age alerts once a job has waited past the limit for 2 checks', () => {
    const m = run({ 'probe-queue-age': true }).metrics as Metrics;
    expect(m.alerts).toBe(1);
    expect(m.detection_delay_s).toBeGreaterThan(10 * 60);
    expect(m.detection_delay_s).toBeLessThanOrEqual(10 * 60 + 2 * 60);
    expect(m.backlog_max).toBeLessThan(300);
    expect(m.print_delay_max_s).toBeLessThan(30 * 60);
  });

  test('a supervisor restarts the workers within seconds and no print job misses its SLA', () => {
    const m = run({ supervisor: true }).metrics as Metrics;
    expect(m.detection_delay_s).toBeLessThanOrEqual(10);
    expect(m.recovery_s).toBeLessThanOrEqual(60);
    expect(m.backlog_max).toBeLessThan(10);
    expect([m.print_jobs_delayed, m.users_affected]).toEqual([0, 0]);
  });

  test('print jobs before pings drain the print backlog in minutes instead of behind the whole night\'s pings', () => {
    const m = run({ discipline: 'priority' }).metrics as Metrics;
    expect(incident.print_drain_s).toBeGreaterThan(15 * 60);
    expect(m.print_drain_s).toBeLessThan(5 * 60);
    expect(m.print_jobs_delayed).toBeLessThan(incident.print_jobs_delayed);
    // The wait until someone noticed is not the queue's fault: priority cannot shorten it.
    expect(m.print_delay_max_s).toBeGreaterThan(12 * HOUR);
  });

  test('the same seed gives the same numbers', () => {
    expect(run().metrics).toEqual(incident);
  });
});
