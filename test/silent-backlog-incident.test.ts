import { describe, expect, test } from 'vitest';
import model from '../models/silent-backlog.ts';
import { runModel } from '../src/index.ts';

const run = (params: Record<string, unknown> = {}) => runModel(model, { seed: 1, params });
const HOUR = 3600;

/** The summary metrics these tests read. */
type Metrics = Record<
  'alerts' | 'backlog_max' | 'backlog_ping_max' | 'detection_delay_s' | 'jobs_completed' | 'jobs_created' | 'paying_users_affected'
  | 'print_delay_max_s' | 'print_drain_s' | 'print_jobs_delayed' | 'recovery_s' | 'users_affected',
  number
>;

// The write-up: workers died in an upgrade around midnight on a quiet Friday night; the health check
// covered web, DB and app logic but not workers, so nothing alerted; ~6,000 jobs, mostly stats pings,
// piled up; 60 users' print jobs (normally < 5 s) were delayed, the worst over 12 h, until the owner
// read a customer's email in the morning.
describe('silent-backlog with defaults (seed 1)', () => {
  const r = run();
  const m = r.metrics as Metrics;

  test('nothing alerts while about 6,000 jobs, nearly all stats pings, pile up from 23:30 to 11:55', () => {
    expect(m.alerts).toBe(0);
    expect(m.backlog_max).toBeGreaterThanOrEqual(5000);
    expect(m.backlog_max).toBeLessThanOrEqual(7000);
    expect(m.backlog_ping_max).toBeGreaterThan(0.95 * m.backlog_max);
    // From the upgrade at 23:30 to the owner reading the email at 11:40.
    expect(m.detection_delay_s).toBe(12 * HOUR + 10 * 60);
  });

  test('the worst print job waits over 12 hours, and the users affected are the users who printed that night', () => {
    expect(m.print_delay_max_s).toBeGreaterThan(12 * HOUR);
    // 5 prints an hour for about 12 hours, from 25,000 users: one job per user, about 60.
    expect(m.users_affected).toBeGreaterThanOrEqual(30);
    expect(m.users_affected).toBeLessThanOrEqual(90);
    expect(m.print_jobs_delayed - m.users_affected).toBeLessThanOrEqual(2);
    expect(m.paying_users_affected).toBeLessThanOrEqual(m.users_affected);
  });

  test('every job is eventually done once the workers are back', () => {
    expect(m.jobs_completed).toBe(m.jobs_created);
  });

  test('the backlog chart marks the upgrade and the moment someone noticed: there is no alert to mark', () => {
    const backlog = r.charts.find((c) => c.name === 'backlog')!;
    expect(backlog.marks!.map((x) => x.label)).toEqual(['upgrade: workers die', 'someone notices']);
    expect(backlog.marks![0]!.t).toBe(1.5 * HOUR);
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

  test('following the post-deploy checklist (a real print) finds the dead workers ten minutes after the upgrade', () => {
    const r = run({ 'post-deploy-check': true });
    const m = r.metrics as Metrics;
    expect([m.alerts, m.detection_delay_s]).toEqual([0, 10 * 60]);
    expect(m.backlog_max).toBeLessThan(300);
    expect(m.users_affected).toBeLessThan(5);
    expect(r.charts.find((c) => c.name === 'backlog')!.marks!.map((x) => x.label)).toEqual(['upgrade: workers die', 'post-deploy print test fails']);
  });

  test('the week before Valentine\'s Day the same night would have hit thousands of users', () => {
    const m = run({ 'print-rate': '480/h' }).metrics as Metrics;
    expect(m.users_affected).toBeGreaterThan(4000);
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
