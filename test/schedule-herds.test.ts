import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError, readScheduleFile } from '../src/index.ts';
import { herdText } from '../src/inputs/schedule/herd-text.ts';
import { findHerds } from '../src/inputs/schedule/herds.ts';
import { localMidnight } from '../src/inputs/schedule/zone-offset.ts';
import { herdCrontab } from './helpers/schedules.ts';

const dir = mkdtempSync(join(tmpdir(), 'sim-schedule-'));
const MONDAY = Date.UTC(2024, 0, 1) / 1000;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('sim schedule finds the herds in a schedule file', () => {
  test('a crontab with 50 hourly entries at minute 0 and 50 spread over the hour: the :00 pile-up is named', () => {
    const s = readScheduleFile(file('crontab', herdCrontab()));
    expect(s.entries).toHaveLength(101);
    expect(s.skipped).toEqual([{ line: 104, name: '/app/bin/warm-cache', why: '@reboot runs at boot, not on a schedule' }]);
    const r = findHerds(s, { fromEpochS: MONDAY, days: 7 });
    expect(r.starts).toBe(100 * 24 * 7 + 7);
    expect(r.herds[0]).toMatchObject({ kind: 'hourly', offsetS: 0, jobs: 50 });
    expect(r.herds[0]!.names.slice(0, 2)).toEqual(['/app/bin/report --tenant 0', '/app/bin/report --tenant 1']);
    // The spread entries are at most 2 per minute; nothing else reaches 10.
    expect(r.herds.filter((h) => h.jobs >= 10)).toHaveLength(1);
    expect(r.herds.find((h) => h.kind === 'daily')).toMatchObject({ offsetS: 3 * 3600, jobs: 1, names: ['/app/bin/nightly'] });
    const text = herdText(s, r, 10, 'UTC', 0);
    expect(text).toContain('101 scheduled jobs, 16,807 starts in 7 days from Mon 2024-01-01 00:00:00 UTC');
    expect(text).toMatch(/\n +50 jobs start at :00:00 every hour {2}\(\/app\/bin\/report --tenant 0, \/app\/bin\/report --tenant 1, \/app\/bin\/report --tenant 2 and 47 more\)\n/);
    expect(text).toContain('skipped line 104 (/app/bin/warm-cache)');
  });

  test('hourly and daily piles are told apart: "1,240 at :00:00 every hour; 310 at 00:00:00 every day"', () => {
    const lines: string[] = [];
    for (let i = 0; i < 1240; i++) lines.push(`@hourly job-${i}`);
    for (let i = 0; i < 310; i++) lines.push(`0 0 * * * nightly-${i}`);
    lines.push('30 9 * * 1 weekly-report');
    const s = readScheduleFile(file('mixed-crontab', lines.join('\n')));
    const r = findHerds(s, { fromEpochS: MONDAY, days: 7 });
    expect(r.herds.slice(0, 2).map((h) => [h.kind, h.offsetS, h.jobs])).toEqual([['hourly', 0, 1240], ['daily', 0, 310]]);
    expect(r.herds.find((h) => h.kind === 'once')).toMatchObject({ offsetS: 9 * 3600 + 1800, jobs: 1 });
    expect(r.busiest[0]).toEqual([0, 1550]);
    const text = herdText(s, r, 10, 'UTC', 0);
    expect(text).toContain('1,240 jobs start at :00:00 every hour');
    expect(text).toContain('310 jobs start at 00:00:00 every day');
  });

  test('Sidekiq-cron YAML: a mapping of jobs with cron, six fields with seconds, a trailing time zone, disabled jobs skipped', () => {
    const s = readScheduleFile(file('schedule.yml', [
      'hourly_report:',
      '  cron: "0 * * * *"',
      '  class: HourlyReportJob',
      'sweeper:',
      '  cron: "30 */5 * * * *"',
      '  class: SweeperJob',
      'berlin_digest:',
      '  cron: "0 9 * * * Europe/Berlin"',
      '  class: DigestJob',
      'old_job:',
      '  cron: "0 0 * * *"',
      '  status: disabled',
    ].join('\n')));
    expect(s.format).toBe('sidekiq-cron');
    expect(s.entries.map((e) => [e.name, e.cron, e.timeZone, e.line])).toEqual([
      ['hourly_report', '0 * * * *', 'UTC', 2],
      ['sweeper', '30 */5 * * * *', 'UTC', 5],
      ['berlin_digest', '0 9 * * *', 'Europe/Berlin', 8],
    ]);
    expect(s.skipped).toEqual([{ line: 10, name: 'old_job', why: 'status: disabled' }]);
    const r = findHerds(s, { fromEpochS: MONDAY, days: 7 });
    // 09:00 in Berlin is 08:00 UTC in January; the sweeper runs at second 30 of every fifth minute.
    expect(r.herds.find((h) => h.names[0] === 'berlin_digest')).toMatchObject({ kind: 'daily', offsetS: 8 * 3600 });
    expect(r.herds.filter((h) => h.names[0] === 'sweeper' && h.kind === 'hourly').map((h) => h.offsetS)).toEqual(Array.from({ length: 12 }, (_, i) => i * 300 + 30));
  });

  test('Kubernetes CronJob manifests: several documents, timeZone, suspended jobs skipped, other kinds ignored', () => {
    const s = readScheduleFile(file('cronjobs.yaml', [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: billing}',
      'spec:',
      '  schedule: "0 * * * *"',
      '  jobTemplate: {spec: {template: {spec: {containers: []}}}}',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: settings}',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: ny-close}',
      'spec:',
      '  schedule: "0 17 * * 1-5"',
      '  timeZone: America/New_York',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: paused}',
      'spec: {schedule: "*/5 * * * *", suspend: true}',
    ].join('\n')));
    expect(s.format).toBe('kubernetes');
    expect(s.entries.map((e) => [e.name, e.cron, e.timeZone, e.line])).toEqual([
      ['billing', '0 * * * *', 'UTC', 5],
      ['ny-close', '0 17 * * 1-5', 'America/New_York', 16],
    ]);
    expect(s.skipped.map((x) => x.name)).toEqual(['paused']);
    // Weekdays only, so not daily over a week: five single instants at 22:00 UTC.
    const r = findHerds(s, { fromEpochS: MONDAY, days: 7 });
    expect(r.herds.filter((h) => h.names[0] === 'ny-close').map((h) => [h.kind, h.offsetS])).toEqual([0, 1, 2, 3, 4].map((d) => ['once', d * 86400 + 22 * 3600]));
  });

  test('a window in a time zone starts at its local midnight', () => {
    expect(localMidnight('2024-01-01', 'UTC')).toBe(MONDAY);
    expect(localMidnight('2024-07-01', 'Europe/Berlin')).toBe(Date.UTC(2024, 5, 30, 22) / 1000);
  });

  test('malformed schedules are input errors naming the file, the line and what was expected', () => {
    const cases: [string, string, RegExp][] = [
      ['short-crontab', '0 * * *\n', /short-crontab:1: expected five time fields \(minute hour day-of-month month day-of-week\) and a command/],
      ['bad-field', '# c\n0 25 * * * /bin/x\n', /bad-field:2: '0 25 \* \* \*' is not a cron schedule \(.*\); expected five fields/],
      ['bad-nick', '@fortnightly /bin/x\n', /bad-nick:1: unknown nickname '@fortnightly'/],
      ['bad-zone', 'CRON_TZ=Mars/Olympus\n0 * * * * x\n', /bad-zone:1: CRON_TZ=Mars\/Olympus is not a time zone/],
      ['no-cron.yml', 'a_job:\n  class: AJob\n', /no-cron\.yml:1: job 'a_job' has no 'cron' field; expected cron:/],
      ['bad-cron.yml', 'a_job:\n  cron: "every 5 minutes"\n', /bad-cron\.yml:2: job 'a_job': 'every 5 minutes' is not a cron schedule/],
      ['bad.yml', 'a_job:\n  cron: "0 * * * *\n', /bad\.yml:\d+: malformed YAML/],
      ['no-cronjob.yaml', 'apiVersion: v1\nkind: ConfigMap\n', /no-cronjob\.yaml: no CronJob in the file/],
      ['k8s-bad.yaml', 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x}\nspec:\n  schedule: "61 * * * *"\n', /k8s-bad\.yaml:5: CronJob 'x': '61 \* \* \* \*' is not a cron schedule/],
      ['empty-crontab', '# nothing\n\n', /empty-crontab: no scheduled job in the file/],
    ];
    for (const [name, text, message] of cases) {
      const path = file(name, text);
      expect(() => readScheduleFile(path), name).toThrow(InputError);
      expect(() => readScheduleFile(path), name).toThrow(message);
    }
    expect(() => readScheduleFile(join(dir, 'missing'))).toThrow(/cannot read .*missing: no such file/);
  });
});
