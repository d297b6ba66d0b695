import { InputError } from '../input-error.ts';
import { shortText } from './duration.ts';

const PER_S: Record<string, number> = { s: 1, sec: 1, m: 1 / 60, min: 1 / 60, h: 1 / 3600, d: 1 / 86400 };
const RATE = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:\/\s*(s|sec|m|min|h|d))?$/;

/** Parses a rate into events per second: `100/s`, `5000/h`, `30/m`; a plain number is per second. */
export function parseRate(text: string | number, what = 'rate'): number {
  if (typeof text === 'number') {
    if (text < 0) throw new InputError(`${what}: ${text} is negative; a rate must be >= 0`);
    if (Number.isFinite(text)) return text;
    throw new InputError(`${what}: ${text} is not a rate; use a non-negative number per second or e.g. 100/s, 5000/h`);
  }
  const s = text.trim();
  if (/^-\s*[\d.]/.test(s)) throw new InputError(`${what}: ${shortText(s)} is negative; a rate must be >= 0`);
  const m = RATE.exec(s);
  if (!m) throw new InputError(`${what}: malformed rate '${shortText(text)}'; use a count per unit: 100/s, 30/m, 5000/h, 2/d`);
  const perS = Number(m[1]) * PER_S[m[2] ?? 's']!;
  if (!Number.isFinite(perS)) throw new InputError(`${what}: '${shortText(s)}' is too large to be a rate`);
  return perS;
}

/**
 * Formats events per second as a person writes it: per second when that needs at most two
 * decimals (`90/s`, `59.8/s`), else the first larger unit giving a whole count under 10,000
 * (`5000/h`), else per second to six significant digits.
 */
export function formatRate(perS: number): string {
  if (perS >= 1 && Math.abs(perS * 100 - Math.round(perS * 100)) < 1e-6) return `${Math.round(perS * 100) / 100}/s`;
  for (const [unit, perUnit] of [['m', 60], ['h', 3600], ['d', 86400]] as const) {
    const n = perS * perUnit;
    if (Math.abs(n - Math.round(n)) < 1e-6 && n >= 1 && n < 10000) return `${Math.round(n)}/${unit}`;
  }
  return `${+perS.toPrecision(6)}/s`;
}
