import { InputError } from '../input-error.ts';

/**
 * How much one run may do before it is stopped with a clear message instead of running out
 * of time or memory. Every limit is generous for a real model (the largest built-in run
 * fires about 15 million events) and has a flag to raise it.
 */
export interface RunLimits {
  /** Events a run may fire in all: about 4 minutes of a busy model. @default 1,000,000,000 */
  readonly maxEvents: number;
  /**
   * Events that may fire at one simulated instant, in a row, before the run counts as stuck
   * (a component scheduling itself with zero delay). @default 1,000,000
   */
  readonly maxEventsAtInstant: number;
  /** Events scheduled and not yet fired, at once (about 50 bytes each). @default 4,000,000 */
  readonly maxPendingEvents: number;
  /**
   * Metric time buckets of one run (run length / the model's bucket width): the rows of
   * timeseries.csv per metric, and what the memory of a run's report grows with. @default 10,000
   */
  readonly maxBuckets: number;
}

export const DEFAULT_RUN_LIMITS: RunLimits = {
  maxEvents: 1_000_000_000,
  maxEventsAtInstant: 1_000_000,
  maxPendingEvents: 4_000_000,
  maxBuckets: 10_000,
};

/** The flag that raises each limit, named in every message about it. */
export const RUN_LIMIT_FLAGS: Readonly<Record<keyof RunLimits, string>> = {
  maxEvents: '--max-events',
  maxEventsAtInstant: '--max-events-at-instant',
  maxPendingEvents: '--max-pending-events',
  maxBuckets: '--max-buckets',
};

/** A run that reached one of its limits: bad input (exit 2), its message says which flag raises it. */
export class RunLimitError extends InputError {}

/** 1000000 -> '1,000,000': limits read as people write them. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e21) return Math.round(n).toLocaleString('en-US');
  // By hand, not toLocaleString: the flags' help texts use this at start-up, and the first
  // toLocaleString call loads ICU's locale data (~25 ms of every command's start).
  const digits = String(Math.abs(Math.round(n)));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n <= -0.5 ? `-${out}` : out;
}
