import { InputError } from '../input-error.ts';
import type { Distribution } from '../kernel/distributions/distribution.ts';
import { parseDistribution } from '../kernel/distributions/parse-distribution.ts';
import { formatFileSpec, parseFileSpec } from './file-spec.ts';
import { parseTimestamp } from './timestamp.ts';
import { readTrace } from './trace.ts';

/** The forms a backlog parameter takes, for help text and errors. */
export const BACKLOG_FORMS = 'N jobs (6000), N jobs of given ages (6000@uniform(0s, 12h), 6000@2h), or a CSV of enqueue times (csv:PATH[,column=NAME][,type=NAME][,epoch=s|ms|us][,at=TIME])';

const CSV_OPTIONS = { column: 'NAME', type: 'NAME', epoch: 's|ms|us', at: 'TIME' } as const;
const EPOCH_UNITS: Record<string, number> = { s: 1, ms: 1e-3, us: 1e-6 };
const MAX_JOBS = 10_000_000;

/**
 * Jobs waiting when the run starts: either a count with an age distribution, or explicit
 * ages (seconds, oldest first) with job type names.
 */
export type BacklogSpec =
  | { readonly kind: 'count'; readonly jobs: number; readonly age: Distribution; readonly text: string }
  | { readonly kind: 'csv'; readonly agesS: Float64Array; readonly types: Uint16Array; readonly typeNames: readonly string[]; readonly text: string };

/**
 * Reads a backlog spec:
 * - `N`: N jobs enqueued at time 0;
 * - `N@AGE`: N jobs whose ages at time 0 are drawn from AGE, a duration (all equal) or a
 *   distribution (`uniform(0s, 12h)`: enqueued evenly over the last 12 hours, at random);
 * - `csv:PATH,...`: one job per row of a CSV file of enqueue times (epoch seconds or ISO 8601,
 *   column as for traces); a job's age is `at` minus its enqueue time, `at` being the moment the
 *   snapshot was taken (default: the latest enqueue time in the file); `type=` names a column
 *   of job types.
 */
export function parseBacklog(raw: string | number, what = 'backlog'): BacklogSpec {
  const text = String(raw).trim();
  if (text.startsWith('csv:')) return readBacklogCsv(text, what);
  const m = /^(\d+)(?:\s*@\s*(.+))?$/.exec(text);
  if (!m) throw new InputError(`${what}: '${text}' is not a backlog; use ${BACKLOG_FORMS}`);
  const jobs = Number(m[1]);
  if (jobs > MAX_JOBS) throw new InputError(`${what}: ${jobs} jobs is more than the ${MAX_JOBS.toLocaleString('en-US')} a backlog may hold`);
  const age = parseDistribution(m[2] ?? '0', `${what} (the age after @)`);
  return { kind: 'count', jobs, age, text: m[2] === undefined || jobs === 0 ? String(jobs) : `${jobs}@${age.toString()}` };
}

function readBacklogCsv(text: string, what: string): BacklogSpec {
  const spec = parseFileSpec(text, 'csv', CSV_OPTIONS, what);
  const epoch = spec.options.get('epoch') ?? 's';
  const epochUnitS = EPOCH_UNITS[epoch];
  if (epochUnitS === undefined) throw new InputError(`${what}: epoch=${epoch} is not a unit; use epoch=s, epoch=ms or epoch=us`);
  const trace = readTrace(spec.path, { column: spec.options.get('column'), typeColumn: spec.options.get('type'), epochUnitS });
  const n = trace.times.length;
  const atText = spec.options.get('at');
  let at = trace.times[n - 1]!;
  if (atText !== undefined) {
    const atEpoch = parseTimestamp(atText);
    if (!Number.isFinite(atEpoch)) throw new InputError(`${what}: at=${atText} is not a time; use epoch seconds or ISO 8601 such as 2024-03-01T08:30:00Z`);
    at = atEpoch - trace.startEpochS;
    if (trace.times[n - 1]! > at) {
      throw new InputError(`${spec.path}:${trace.lines[n - 1]}: a job enqueued after at=${atText}; expected enqueue times at or before the snapshot`);
    }
  }
  const agesS = Float64Array.from(trace.times, (t) => at - t);
  return { kind: 'csv', agesS, types: trace.types, typeNames: trace.typeNames, text: formatFileSpec('csv', spec, CSV_OPTIONS) };
}
