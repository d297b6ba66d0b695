import { extname } from 'node:path';
import { InputError } from '../../input-error.ts';
import { readText } from '../csv-file.ts';
import { isTimeZone } from './cron.ts';
import { parseCrontab } from './crontab.ts';
import type { Schedule, ScheduleFormat } from './schedule-entry.ts';
import { looksLikeKubernetes, parseKubernetes, parseSidekiqCron } from './yaml-schedules.ts';

export const SCHEDULE_FORMATS: readonly ScheduleFormat[] = ['crontab', 'sidekiq-cron', 'kubernetes'];

export interface ScheduleFileOptions {
  /** Overrides detection: a .yml/.yaml file with apiVersion and kind is Kubernetes, other YAML Sidekiq-cron, anything else a crontab. */
  readonly format?: ScheduleFormat;
  /** Zone for entries that name none. @default 'UTC' */
  readonly timeZone?: string;
}

/** Reads a crontab, a Sidekiq-cron YAML schedule or Kubernetes CronJob manifests. */
export function readScheduleFile(file: string, opts: ScheduleFileOptions = {}): Schedule {
  const zone = opts.timeZone ?? 'UTC';
  if (!isTimeZone(zone)) throw new InputError(`--time-zone: '${zone}' is not a time zone; use an IANA name such as UTC or America/New_York`);
  const text = readText(file);
  const yaml = ['.yml', '.yaml'].includes(extname(file).toLowerCase());
  const format = opts.format ?? (yaml ? (looksLikeKubernetes(text) ? 'kubernetes' : 'sidekiq-cron') : 'crontab');
  const schedule = format === 'crontab' ? parseCrontab(text, file, zone) : format === 'kubernetes' ? parseKubernetes(text, file, zone) : parseSidekiqCron(text, file, zone);
  if (schedule.entries.length === 0 && schedule.skipped.length === 0) {
    throw new InputError(`${file}: no scheduled job in the file; expected ${format === 'crontab' ? 'crontab lines such as "0 * * * * /usr/bin/report"' : 'jobs with a cron schedule'}`);
  }
  return schedule;
}
