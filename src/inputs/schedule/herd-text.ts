import type { Herd, HerdReport } from './herds.ts';
import type { Schedule } from './schedule-entry.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const n = (x: number) => x.toLocaleString('en-US');
const two = (x: number) => String(x).padStart(2, '0');

/** `HH:MM:SS` of a second of the day. */
function clock(s: number): string {
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/** A date and time in the window's zone: `Mon 2024-01-01 00:00:00`. */
function instant(localEpochS: number): string {
  const d = new Date(localEpochS * 1000);
  return `${DAYS[d.getUTCDay()]} ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}`;
}

/** Where a herd happens, in words: `at :00:00 every hour`, `at 00:00:00 every day`, `at Mon 2024-01-01 09:00:00`. */
export function herdWhen(h: Herd, report: HerdReport, offsetS: number): string {
  if (h.kind === 'hourly') return `at :${two(Math.floor(h.offsetS / 60))}:${two(h.offsetS % 60)} every hour`;
  if (h.kind === 'daily') return `at ${clock(h.offsetS)} every day`;
  return `at ${instant(report.fromEpochS + offsetS + h.offsetS)}`;
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, 3).join(', ');
  return list.length > 3 ? `${shown} and ${n(list.length - 3)} more` : shown;
}

/**
 * What `sim schedule` prints: the file, the herds of at least `minJobs` jobs with the jobs in
 * them, and the busiest seconds of the window. `offsetS` is the display zone's offset from UTC.
 */
export function herdText(schedule: Schedule, report: HerdReport, minJobs: number, zone: string, offsetS: number): string {
  const lines: string[] = [];
  lines.push(`${schedule.file} (${schedule.format}): ${n(schedule.entries.length)} scheduled job${schedule.entries.length === 1 ? '' : 's'}` +
    `, ${n(report.starts)} starts in ${report.days} day${report.days === 1 ? '' : 's'} from ${instant(report.fromEpochS + offsetS)} ${zone}`);
  for (const s of schedule.skipped) lines.push(`  skipped line ${s.line} (${s.name}): ${s.why}`);
  const herds = report.herds.filter((h) => h.jobs >= minJobs);
  lines.push('');
  if (herds.length === 0) {
    const top = report.busiest[0];
    lines.push(`No ${minJobs} or more jobs start in the same second${top ? `; the most at once is ${n(top[1])}, at ${instant(report.fromEpochS + offsetS + top[0])} ${zone}` : ''}.`);
  } else {
    lines.push(`Jobs that start in the same second (${minJobs} or more; times in ${zone}):`);
    for (const h of herds) lines.push(`  ${n(h.jobs).padStart(7)} job${h.jobs === 1 ? ' ' : 's'} start ${herdWhen(h, report, offsetS)}  (${names(h.names)})`);
  }
  if (report.busiest.length) {
    lines.push('', 'Busiest seconds in the window (all patterns together):');
    for (const [s, c] of report.busiest) lines.push(`  ${n(c).padStart(7)} job${c === 1 ? ' ' : 's'} at ${instant(report.fromEpochS + offsetS + s)}`);
  }
  if (herds.length) {
    lines.push('', 'Spread them: a random delay per run (jitter), or minutes and seconds picked per job instead of :00.');
  }
  return `${lines.join('\n')}\n`;
}
