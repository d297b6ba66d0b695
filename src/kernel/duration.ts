import { InputError } from '../input-error.ts';

const UNIT_S: Record<string, number> = { us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };
const PART = /(\d+(?:\.\d+)?|\.\d+)(us|ms|s|m|h|d)/y;
const PLAIN = /^(\d+(?:\.\d+)?|\.\d+)$/;

/**
 * Parses a duration into seconds: `250ms`, `15m`, `1h30m`, `2d`, `1.5s`; a plain number is
 * seconds. `what` names the flag or field in the error message.
 */
export function parseDuration(text: string | number, what = 'duration'): number {
  if (typeof text === 'number') {
    if (text < 0) throw new InputError(`${what}: ${text} is negative; a duration must be >= 0`);
    if (Number.isFinite(text)) return text;
    throw new InputError(`${what}: ${text} is not a duration; use a non-negative number of seconds or e.g. 250ms, 15m, 1h30m, 2d`);
  }
  const s = text.trim();
  if (/^-\s*[\d.]/.test(s)) throw new InputError(`${what}: ${shortText(s)} is negative; a duration must be >= 0`);
  if (PLAIN.test(s)) return finite(Number(s), s, what);
  let total = 0;
  let pos = 0;
  PART.lastIndex = 0;
  while (pos < s.length) {
    PART.lastIndex = pos;
    const m = PART.exec(s);
    if (!m) break;
    total += Number(m[1]) * UNIT_S[m[2]!]!;
    pos = PART.lastIndex;
  }
  if (pos !== s.length || s.length === 0) {
    throw new InputError(`${what}: malformed duration '${shortText(text)}'; use a number with a unit: 250ms, 15m, 1h30m, 2d (units us, ms, s, m, h, d)`);
  }
  return finite(total, s, what);
}

function finite(seconds: number, text: string, what: string): number {
  if (Number.isFinite(seconds)) return seconds;
  throw new InputError(`${what}: '${shortText(text)}' is too large to be a duration; use e.g. 6h, 30d`);
}

/** The text as a message quotes it: at most 24 characters, so 400 nines do not fill the screen. */
export function shortText(text: string): string {
  return text.length > 24 ? `${text.slice(0, 20)}…(${text.length} characters)` : text;
}

/** Formats seconds compactly and exactly where it can: 900 -> '15m', 5400 -> '1h30m', 0.25 -> '250ms'. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds === 0) return '0s';
  if (seconds < 1) {
    const ms = seconds * 1000;
    return Number.isInteger(ms) || ms >= 1 ? `${+ms.toPrecision(6)}ms` : `${+(seconds * 1e6).toPrecision(6)}us`;
  }
  if (!Number.isInteger(seconds)) return `${+seconds.toPrecision(6)}s`;
  let rest = seconds;
  let out = '';
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
