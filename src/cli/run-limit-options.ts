import { InputError } from '../input-error.ts';
import { DEFAULT_RUN_LIMITS, formatCount, RUN_LIMIT_FLAGS, type RunLimits } from '../kernel/run-limits.ts';
import type { OptionSpec } from './command-spec.ts';

const TEXT: Readonly<Record<keyof RunLimits, string>> = {
  maxEvents: 'events one run may fire before it is stopped',
  maxEventsAtInstant: 'events that may fire in a row at one simulated instant before a run counts as stuck',
  maxPendingEvents: 'events that may be scheduled at once',
  maxBuckets: 'metric time buckets per run (run length / the model\'s bucket width); memory grows with them',
};

/** `--max-events` and its siblings: the same flags on every command that runs a model. */
export const RUN_LIMIT_OPTIONS: Readonly<Record<string, OptionSpec>> = Object.fromEntries(
  (Object.keys(RUN_LIMIT_FLAGS) as (keyof RunLimits)[]).map((k) => [
    RUN_LIMIT_FLAGS[k].slice(2),
    { type: 'string', describe: `${TEXT[k]} (default ${formatCount(DEFAULT_RUN_LIMITS[k])})` } satisfies OptionSpec,
  ]),
);

/** The limits a command's flags ask for; absent flags keep the defaults. */
export function parseRunLimits(argv: Readonly<Record<string, unknown>>): RunLimits {
  const out = { ...DEFAULT_RUN_LIMITS };
  for (const k of Object.keys(RUN_LIMIT_FLAGS) as (keyof RunLimits)[]) {
    const flag = RUN_LIMIT_FLAGS[k].slice(2);
    const raw = argv[flag];
    if (raw === undefined) continue;
    const text = String(raw).replace(/[_,]/g, '');
    const n = /^\d+(\.\d+)?(e\d+)?$/i.test(text) ? Number(text) : NaN;
    if (!(Number.isSafeInteger(n) && n >= 1)) throw new InputError(`--${flag}: '${String(raw)}' is not a whole number >= 1 (e.g. ${formatCount(DEFAULT_RUN_LIMITS[k] * 2)}, or ${DEFAULT_RUN_LIMITS[k] * 2 >= 1e6 ? (DEFAULT_RUN_LIMITS[k] * 2).toExponential().replace('+', '') : DEFAULT_RUN_LIMITS[k] * 2})`);
    out[k] = n;
  }
  return out;
}
