import type { CronMode } from './cron.ts';

/** One recurring job of a schedule file: a cron expression, the zone it is read in, where it came from. */
export interface ScheduleEntry {
  /** The job's name: a Sidekiq-cron key, a CronJob's metadata.name, or a crontab line's command. */
  readonly name: string;
  readonly cron: string;
  /** IANA time zone the expression is read in. */
  readonly timeZone: string;
  readonly mode: CronMode;
  /** Line of the entry in its file. */
  readonly line: number;
}

export type ScheduleFormat = 'crontab' | 'sidekiq-cron' | 'kubernetes';

/** The recurring jobs of one schedule file. */
export interface Schedule {
  readonly file: string;
  readonly format: ScheduleFormat;
  readonly entries: readonly ScheduleEntry[];
  /** Entries that exist but never run on a schedule (@reboot, suspended, disabled), with why. */
  readonly skipped: readonly { readonly line: number; readonly name: string; readonly why: string }[];
}
