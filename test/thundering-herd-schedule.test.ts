import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import model from '../models/thundering-herd.ts';
import { runModel } from '../src/index.ts';
import { herdCrontab } from './helpers/schedules.ts';

const dir = mkdtempSync(join(tmpdir(), 'sim-th-schedule-'));
const herdFile = join(dir, 'herd.crontab');
writeFileSync(herdFile, herdCrontab());
const spreadFile = join(dir, 'spread.crontab');
writeFileSync(spreadFile, Array.from({ length: 100 }, (_, i) => `${Math.floor((i * 60) / 100)} * * * * job-${i}`).join('\n'));

// Light API traffic and no background jobs, so the jobs in flight are the schedule's alone.
// 70 minutes: the schedule's runs at :00 of hours 0 and 1, the built-in herd at 1 h.
const run = (params: Record<string, unknown>) =>
  runModel(model, { durationS: 4200, params: { 'api-rate': '20/s', 'background-rate': 0, ...params } }).metrics as Record<string, number>;

describe('thundering-herd driven by a schedule file', () => {
  const herd = run({ schedule: herdFile });

  test('the crontab\'s 50 jobs at minute 0 reproduce the herd of --hourly-jobs 50: 50 jobs fetched and started at once', () => {
    const builtIn = run({ 'hourly-jobs': 50 });
    expect([herd.jobs_executing_max, herd.jobs_due_max]).toEqual([50, 50]);
    expect([builtIn.jobs_executing_max, builtIn.jobs_due_max]).toEqual([50, 50]);
  });

  test('every entry runs at its cron times: 50 at :00 twice, 50 spread entries once, those at minutes 1..9 twice', () => {
    // Spread entries sit at minute 1 + floor(i * 59 / 50); those at minutes 1..9 run again before 70 min.
    const again = Array.from({ length: 50 }, (_, i) => 1 + Math.floor((i * 59) / 50)).filter((m) => m * 60 + 3600 < 4200).length;
    expect(herd.hourly_runs).toBe(100 + 50 + again);
  });

  test('the same number of jobs spread over the hour never piles up; jitter spreads the herd too', () => {
    expect(run({ schedule: spreadFile }).jobs_executing_max).toBeLessThanOrEqual(2);
    expect(run({ schedule: herdFile, jitter: '15m' }).jobs_executing_max).toBeLessThan(5);
  });

  test('without a schedule file the model is as before: --schedule none', () => {
    expect(runModel(model, { durationS: 60, params: { 'api-rate': '20/s' } }).params.schedule).toBe('none');
  });
});
