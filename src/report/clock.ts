import { InputError } from '../input-error.ts';

/**
 * The wall-clock time at which simulated time 0 falls, for reading charts in clock time
 * (`01:00` rather than `1.0 h`). It only labels: the simulation never sees it. Times are
 * handled as UTC throughout so that labels are the same on every machine; the page shows
 * them without a zone, as the clock on the incident's dashboards read.
 */
export interface ClockStart {
  /** As the user wrote it (`00:00`, `14:30`, `2024-03-05T14:00`): the reproduce command repeats it. */
  readonly text: string;
  /** Milliseconds since 1970-01-01T00:00 of simulated time 0. Without a date, day 1 is 1970-01-01. */
  readonly epochMs: number;
  /** A date was given, so labels past a day show it (`Mar 06 02:00`) rather than a day number. */
  readonly hasDate: boolean;
}

export const DEFAULT_START = '00:00';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](.+))?$/;

/** Parses `--start`: `HH:MM`, `HH:MM:SS`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]` (a space may replace the T). */
export function parseStart(text: string = DEFAULT_START, what = '--start'): ClockStart {
  const bad = () => new InputError(`${what}: '${text}' is not a clock time; use HH:MM (e.g. 14:00), or a date and time such as 2024-03-05T14:00`);
  const s = text.trim();
  const time = (t: string): number => {
    const m = TIME.exec(t);
    if (!m) throw bad();
    return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
  };
  const d = DATE_TIME.exec(s);
  if (!d) return { text: s, epochMs: time(s), hasDate: false };
  const [y, mo, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const midnight = Date.UTC(y, mo - 1, day);
  const check = new Date(midnight);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== day) throw bad();
  return { text: s, epochMs: midnight + (d[4] === undefined ? 0 : time(d[4])), hasDate: true };
}

/** Milliseconds since the epoch of simulated time `tS`. */
export function clockMs(start: ClockStart, tS: number): number {
  return start.epochMs + Math.round(tS * 1000);
}

/** A span past the day it starts on needs the day in its labels. */
function spansDays(start: ClockStart, fromS: number, toS: number): boolean {
  const day = (t: number) => Math.floor(clockMs(start, t) / 86_400_000);
  return day(toS) !== day(fromS);
}

/**
 * A Vega expression that labels `datum.value` (epoch ms) in clock time for a span of
 * simulated time: `01:00`, with seconds only when a label falls off the minute
 * (`01:00:30`), and the day for spans that cross midnight (`day 2 06:00`, or `Mar 06 06:00`
 * when a date was given).
 */
export function clockLabelExpr(start: ClockStart, fromS: number, toS: number, field = 'datum.value'): string {
  const hm = `utcFormat(${field}, utcseconds(${field}) ? '%H:%M:%S' : '%H:%M')`;
  if (!spansDays(start, fromS, toS)) return hm;
  if (start.hasDate) return `utcFormat(${field}, '%b %d') + ' ' + ${hm}`;
  return `'day ' + (floor(${field} / 86400000) + 1) + ' ' + ${hm}`;
}

/** The same labels in Node, for text beside the charts (findings, captions). */
export function clockText(start: ClockStart, tS: number, spanToS = tS): string {
  const ms = clockMs(start, tS);
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const sec = date.getUTCSeconds();
  const hm = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}${sec ? `:${two(sec)}` : ''}`;
  if (!spansDays(start, 0, Math.max(tS, spanToS))) return hm;
  if (start.hasDate) return `${MONTHS[date.getUTCMonth()]} ${two(date.getUTCDate())} ${hm}`;
  return `day ${Math.floor(ms / 86_400_000) + 1} ${hm}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The axis title: what the clock is (`time (run starts 00:00)`). */
export function clockAxisTitle(start: ClockStart): string {
  return `time of day (simulated time 0 = ${start.text})`;
}
