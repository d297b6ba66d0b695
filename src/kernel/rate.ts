import { InputError } from '../input-error.ts';

const PER_S: Record<string, number> = { s: 1, sec: 1, m: 1 / 60, min: 1 / 60, h: 1 / 3600, d: 1 / 86400 };
const RATE = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:\/\s*(s|sec|m|min|h|d))?$/;

/** Parses a rate into events per second: `100/s`, `5000/h`, `30/m`; a plain number is per second. */
export function parseRate(text: string | number, what = 'rate'): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text >= 0) return text;
    throw new InputError(`${what}: ${text} is not a rate; use a non-negative number per second or e.g. 100/s, 5000/h`);
  }
  const m = RATE.exec(text.trim());
  if (!m) throw new InputError(`${what}: malformed rate '${text}'; use a count per unit: 100/s, 30/m, 5000/h, 2/d`);
  return Number(m[1]) * PER_S[m[2] ?? 's']!;
}

/** Formats events per second in the largest unit that keeps the count a whole number where possible. */
export function formatRate(perS: number): string {
  for (const [unit, perUnit] of [['s', 1], ['m', 60], ['h', 3600], ['d', 86400]] as const) {
    const n = perS * perUnit;
    if (Number.isInteger(Math.round(n * 1e9) / 1e9) && n >= 1) return `${Math.round(n * 1e9) / 1e9}/${unit}`;
  }
  return `${+perS.toPrecision(6)}/s`;
}
