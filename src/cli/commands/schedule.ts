import type { CommandModule } from 'yargs';
import { InputError } from '../../input-error.ts';
import { cliIo } from '../cli-io.ts';
import { buildArgs, usageOf } from '../command-spec.ts';
import { DEFAULT_SCHEDULE_FROM, SCHEDULE_SPEC } from '../command-specs.ts';
import { optionText } from '../input-flags.ts';
import { wholeNumber } from '../whole-number.ts';

interface ScheduleArgs {
  file: string;
  format?: string;
  'time-zone'?: string;
  from?: string;
  days?: string;
  'min-jobs'?: string;
  json?: boolean;
}

export const scheduleCommand: CommandModule<object, ScheduleArgs> = {
  command: usageOf(SCHEDULE_SPEC),
  describe: SCHEDULE_SPEC.describe,
  builder: (y) => buildArgs(y, SCHEDULE_SPEC) as never,
  handler: async (argv) => {
    const [{ readScheduleFile, SCHEDULE_FORMATS }, { findHerds }, { herdText, herdWhen }, { localMidnight, zoneOffsetS }] = await Promise.all([
      import('../../inputs/schedule/schedule-file.ts'),
      import('../../inputs/schedule/herds.ts'),
      import('../../inputs/schedule/herd-text.ts'),
      import('../../inputs/schedule/zone-offset.ts'),
    ]);
    const format = optionText(argv.format, 'format');
    if (format !== undefined && !(SCHEDULE_FORMATS as readonly string[]).includes(format)) {
      throw new InputError(`--format: '${format}' is not allowed; use one of ${SCHEDULE_FORMATS.join(', ')}`);
    }
    const zone = optionText(argv['time-zone'], 'time-zone') ?? 'UTC';
    const from = optionText(argv.from, 'from') ?? DEFAULT_SCHEDULE_FROM;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || Number.isNaN(Date.parse(`${from}T00:00:00Z`))) throw new InputError(`--from: '${from}' is not a date; use YYYY-MM-DD, e.g. ${DEFAULT_SCHEDULE_FROM}`);
    const days = wholeNumber(optionText(argv.days, 'days'), 'days', 7, 1);
    if (days > 366) throw new InputError(`--days: ${days} is more than 366; look at up to a year at a time`);
    const minJobs = wholeNumber(optionText(argv['min-jobs'], 'min-jobs'), 'min-jobs', 10, 1);
    const schedule = readScheduleFile(optionText(argv.file, 'file')!, { format: format as never, timeZone: zone });
    const fromEpochS = localMidnight(from, zone);
    const offsetS = zoneOffsetS(zone, fromEpochS);
    const report = findHerds(schedule, { fromEpochS, days });
    if (argv.json) {
      const herds = report.herds
        .filter((h) => h.jobs >= minJobs)
        .map((h) => ({ kind: h.kind, offset_s: h.offsetS, when: herdWhen(h, report, offsetS), jobs: h.jobs, names: h.names }));
      const body = { file: schedule.file, format: schedule.format, time_zone: zone, from, days, jobs: report.jobs, starts: report.starts, skipped: schedule.skipped, herds };
      cliIo().out(`${JSON.stringify(body, null, 2)}\n`);
      return;
    }
    cliIo().out(herdText(schedule, report, minJobs, zone, offsetS));
  },
};
