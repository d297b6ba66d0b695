import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import model from '../examples/replay-from-production.ts';
import { InputError, parseBacklog, runModel } from '../src/index.ts';

type Metrics = Record<'arrivals' | 'backlog_initial' | 'jobs_done' | 'jobs_queued' | 'jobs_running' | 'queue_cleared_s' | 'queue_depth_max' | 'wait_max_s', number>;

const run = (params: Record<string, unknown>, durationS = 600, seed = 1) => runModel(model, { seed, durationS, params });

describe('a run that starts from an observed backlog', () => {
  // 10 workers at 100 ms a job serve 100 jobs/s; 50/s keep arriving, so the backlog shrinks by
  // about 50/s: fluid theory says 6,000 / (100 - 50) = 120 s to clear it.
  const r = run({ backlog: '6000@uniform(0s, 12h)', arrivals: '50/s', workers: 10, service: 'exp(100ms)' });
  const m = r.metrics as Metrics;

  test('6,000 jobs are waiting at time 0 and every one of them is done', () => {
    expect(m.backlog_initial).toBe(6000);
    expect(m.queue_depth_max).toBe(6000);
    expect(m.jobs_done + m.jobs_queued + m.jobs_running).toBe(6000 + m.arrivals);
  });

  test('the queue clears when fluid theory says it should (within 10% of 120 s)', () => {
    expect(Math.abs(m.queue_cleared_s / 120 - 1)).toBeLessThan(0.1);
  });

  test('the jobs carry their ages: the oldest waited its 12 hours and then some', () => {
    expect(m.wait_max_s).toBeGreaterThan(11.9 * 3600);
    expect(m.wait_max_s).toBeLessThan(12 * 3600 + 120);
  });

  test('the same seed gives the same result', () => {
    expect(run({ backlog: '6000@uniform(0s, 12h)', arrivals: '50/s', workers: 10, service: 'exp(100ms)' }).metrics).toEqual(r.metrics);
  });

  test('with too few workers for the arrivals the backlog never clears', () => {
    const slow = run({ backlog: '6000', arrivals: '50/s', workers: 4, service: 'exp(100ms)' }, 300).metrics as Metrics;
    expect(slow.queue_cleared_s).toBeNull();
    expect(slow.jobs_queued).toBeGreaterThan(6000);
  });

  test('a CSV snapshot of enqueue times gives each job its age at the snapshot, oldest served first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-backlog-'));
    const file = join(dir, 'queue.csv');
    writeFileSync(file, 'enqueued_at,class\n2024-03-01T08:00:00Z,print\n2024-03-01T06:30:00Z,ping\n2024-03-01T08:29:00Z,ping\n');
    const spec = parseBacklog(`csv:${file},type=class,at=2024-03-01T08:30:00Z`);
    expect(spec.kind === 'csv' && [...spec.agesS]).toEqual([7200, 1800, 60]);
    const one = run({ backlog: `csv:${file},at=2024-03-01T08:30:00Z`, arrivals: '0/s', workers: 1, service: 'const(1s)' }, 60).metrics as Metrics;
    expect([one.backlog_initial, one.jobs_done, one.wait_max_s, one.queue_cleared_s]).toEqual([3, 3, 7200, 2]);
  });

  test('bad backlogs are one-line input errors', () => {
    expect(() => parseBacklog('lots', '--backlog')).toThrow(InputError);
    expect(() => parseBacklog('lots', '--backlog')).toThrow(/--backlog: 'lots' is not a backlog; use N jobs \(6000\)/);
    expect(() => parseBacklog('10@soon', '--backlog')).toThrow(/--backlog \(the age after @\): malformed duration 'soon'/);
    const dir = mkdtempSync(join(tmpdir(), 'sim-backlog-'));
    const late = join(dir, 'late.csv');
    writeFileSync(late, 'enqueued_at\n1709280000\n1709290000\n');
    expect(() => parseBacklog(`csv:${late},at=1709285000`, '--backlog')).toThrow(/late\.csv:3: a job enqueued after at=1709285000/);
  });
});
