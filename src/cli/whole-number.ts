import { availableParallelism } from 'node:os';
import { InputError } from '../input-error.ts';
import { shortText } from '../kernel/duration.ts';

/** A whole-number flag (`--replications 5`): its fallback when absent, else a one-line error outside min..max. */
export function wholeNumber(raw: unknown, flag: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined) return fallback;
  const s = String(raw).trim();
  if (!/^\d+$/.test(s) || Number(s) < min) throw new InputError(`--${flag}: '${shortText(String(raw))}' is not a whole number >= ${min}`);
  if (Number(s) > max) throw new InputError(`--${flag}: ${shortText(s)} is above the maximum ${max}`);
  return Number(s);
}

/** `--jobs N`: worker threads, the number of cores by default. */
export function parseJobs(raw: unknown): number {
  // Runs are CPU-bound: threads beyond a few per core only cost memory (each loads sim and the model).
  return wholeNumber(raw, 'jobs', availableParallelism(), 1, 4 * availableParallelism());
}
