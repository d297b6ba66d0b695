import { InputError } from '../input-error.ts';

/** A flag given at most once, as text; undefined when absent. */
export function optionText(raw: unknown, flag: string): string | undefined {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw new InputError(`--${flag} was given more than once; give it once`);
  if (typeof raw === 'boolean') throw new InputError(`--${flag} needs a value`);
  return String(raw);
}

/** A share written `5%` or `0.05`, between 0 and 1. */
export function shareText(raw: unknown, flag: string, fallback: number): number {
  const s = optionText(raw, flag)?.trim();
  if (s === undefined) return fallback;
  const m = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(s);
  const v = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(v >= 0 && v <= 1)) throw new InputError(`--${flag}: '${s}' is not a share; use a percentage such as 5% or a fraction such as 0.05 (0 to 1)`);
  return v;
}
