import { InputError } from '../../input-error.ts';
import { cronError, isTimeZone } from './cron.ts';
import type { Schedule, ScheduleEntry } from './schedule-entry.ts';

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const VARIABLE = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/**
 * A crontab (crontab(5)): one job per line, five time fields (minute hour day-of-month month
 * day-of-week) and a command, or a nickname (@hourly, @daily, ...) and a command. Blank lines
 * and # comments are skipped; `NAME=value` lines set variables, of which `CRON_TZ` (cronie)
 * sets the time zone of the lines after it. @reboot jobs have no schedule and are listed as
 * skipped. The command names the job.
 */
export function parseCrontab(text: string, file: string, defaultTimeZone: string): Schedule {
  const entries: ScheduleEntry[] = [];
  const skipped: { line: number; name: string; why: string }[] = [];
  let timeZone = defaultTimeZone;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (s === '' || s.startsWith('#')) return;
    const v = VARIABLE.exec(s);
    if (v && !/^[\d*@]/.test(s)) {
      if (v[1] === 'CRON_TZ') {
        const zone = v[2]!.replace(/^["']|["']$/g, '').trim();
        if (!isTimeZone(zone)) throw new InputError(`${file}:${line}: CRON_TZ=${zone} is not a time zone; expected an IANA name such as UTC or Europe/Berlin`);
        timeZone = zone;
      }
      return;
    }
    const tokens = s.split(/\s+/);
    let cron: string;
    let command: string;
    if (tokens[0]!.startsWith('@')) {
      const nick = tokens[0]!.toLowerCase();
      command = tokens.slice(1).join(' ');
      if (nick === '@reboot') {
        skipped.push({ line, name: command || `line ${line}`, why: '@reboot runs at boot, not on a schedule' });
        return;
      }
      const expanded = NICKNAMES[nick];
      if (!expanded) throw new InputError(`${file}:${line}: unknown nickname '${tokens[0]}'; expected one of ${Object.keys(NICKNAMES).join(', ')}, @reboot, or five time fields`);
      cron = expanded;
    } else {
      if (tokens.length < 6) {
        throw new InputError(`${file}:${line}: expected five time fields (minute hour day-of-month month day-of-week) and a command, got '${s}'`);
      }
      cron = tokens.slice(0, 5).join(' ');
      command = tokens.slice(5).join(' ');
    }
    const err = cronError(cron, timeZone, '5-part');
    if (err) throw new InputError(`${file}:${line}: '${cron}' is not a cron schedule (${err}); expected five fields: minute hour day-of-month month day-of-week`);
    entries.push({ name: command.length > 60 ? `${command.slice(0, 57)}...` : command, cron, timeZone, mode: '5-part', line });
  });
  return { file, format: 'crontab', entries, skipped };
}
