import { availableParallelism } from 'node:os';
import { InputError } from '../input-error.ts';

/** A whole-number flag (`--replications 5`): its fallback when absent, else a one-line error below `min`. */
export function wholeNumber(raw: unknown, flag: string, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const s = String(raw).trim();
  if (!/^\d+$/.test(s) || Number(s) < min) throw new InputError(`--${flag}: '${String(raw)}' is not a whole number >= ${min}`);
  return Number(s);
}

/** `--jobs N`: worker threads, the number of cores by default. */
export function parseJobs(raw: unknown): number {
  return wholeNumber(raw, 'jobs', availableParallelism(), 1);
}
