import { formatDuration, parseDuration } from '../kernel/duration.ts';
import { DEFAULT_RUN_LIMITS, RUN_LIMIT_FLAGS, type RunLimits } from '../kernel/run-limits.ts';
import type { RunResult } from '../model/run-model.ts';
import { DEFAULT_START } from './clock.ts';
import { shellCommand } from './shell-quote.ts';
import type { ZoomRequest } from './zoom-windows.ts';

/** What, besides the result, a run's files depend on. */
export interface ReproduceOptions {
  /** Clock time of simulated time 0 (`--start`). @default 00:00 */
  readonly start?: string;
  /** Which windows the report draws zoomed. @default auto: the stretches the findings flag */
  readonly zoom?: ZoomRequest;
  /** How the command names the model: a built-in's name, a model file's path. @default the model's name */
  readonly modelRef?: string;
  /** The run's bounds (`--max-events`, ...); those raised above the defaults are repeated, or the command could stop short. @default DEFAULT_RUN_LIMITS */
  readonly limits?: RunLimits;
}

/**
 * The command that writes a run's files again, byte for byte: every parameter (defaults
 * included, so a later change of default cannot change what it means), the seed, and the
 * report options that change the files, and any bounds raised for the run. Shell-quoted: `--api-query-cpu 'exp(0.004)'`.
 */
export function reproduceCommand(r: RunResult, opts: ReproduceOptions = {}): string {
  const words = ['sim', 'run', opts.modelRef ?? r.model, '--seed', String(r.seed)];
  for (const [k, v] of Object.entries(r.paramText)) words.push(`--${k}`, v);
  if (opts.start !== undefined && opts.start !== DEFAULT_START) words.push('--start', opts.start);
  const z = opts.zoom;
  if (z && z.kind === 'off') words.push('--zoom', 'off');
  if (z && z.kind === 'spans') words.push('--zoom', z.spans.map((s) => `${exactDuration(s.fromS)}-${exactDuration(s.toS)}`).join(','));
  const limits = opts.limits ?? DEFAULT_RUN_LIMITS;
  for (const k of Object.keys(RUN_LIMIT_FLAGS) as (keyof RunLimits)[]) if (limits[k] !== DEFAULT_RUN_LIMITS[k]) words.push(RUN_LIMIT_FLAGS[k], String(limits[k]));
  return shellCommand(words);
}

/** `59m`, `1h5m` where that reads back as the same number of seconds; the seconds otherwise. */
function exactDuration(seconds: number): string {
  const text = formatDuration(seconds);
  return parseDuration(text) === seconds ? text : String(seconds);
}
