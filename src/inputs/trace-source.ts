import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../input-error.ts';
import { formatFileSpec, parseFileSpec } from './file-spec.ts';
import { parseTimestamp } from './timestamp.ts';
import { readTrace, type Trace, type TraceOptions } from './trace.ts';

export const TRACE_OPTIONS = {
  column: 'NAME',
  type: 'NAME',
  epoch: 's|ms|us',
  start: 'TIME',
} as const;

const EPOCH_UNITS: Record<string, number> = { s: 1, ms: 1e-3, us: 1e-6 };

/** A trace named by a spec (`trace:requests.csv,column=ts`): its canonical text and how to read it. */
export interface TraceSpec {
  readonly text: string;
  readonly path: string;
  readonly options: TraceOptions;
}

/**
 * Reads `trace:PATH[,column=NAME][,type=NAME][,epoch=s|ms|us][,start=TIME]`:
 * - column: the timestamp column (default: time, timestamp, ts, enqueued_at, created_at, or the only column);
 * - type: a column of job type names;
 * - epoch: the unit of numeric timestamps (default s);
 * - start: the instant simulated time 0 stands for, epoch seconds or ISO 8601 (default the earliest row).
 * PATH is relative to the current directory.
 */
export function parseTraceSpec(text: string, what: string, prefix = 'trace'): TraceSpec {
  const spec = parseFileSpec(text, prefix, TRACE_OPTIONS, what);
  const epoch = spec.options.get('epoch') ?? 's';
  const epochUnitS = EPOCH_UNITS[epoch];
  if (epochUnitS === undefined) throw new InputError(`${what}: epoch=${epoch} is not a unit; use epoch=s, epoch=ms or epoch=us`);
  const startText = spec.options.get('start');
  const startEpochS = startText === undefined ? undefined : parseTimestamp(startText);
  if (startEpochS !== undefined && !Number.isFinite(startEpochS)) {
    throw new InputError(`${what}: start=${startText} is not a time; use epoch seconds or ISO 8601 such as 2024-03-01T08:00:00Z`);
  }
  return {
    text: formatFileSpec(prefix, spec, TRACE_OPTIONS),
    path: spec.path,
    options: { column: spec.options.get('column'), typeColumn: spec.options.get('type'), epochUnitS, startEpochS },
  };
}

const cache = new Map<string, { stamp: string; trace: Trace }>();

/**
 * The trace a spec names, read once per process while the file is unchanged (the same spec
 * is validated when flags are read and used again when the model is built).
 */
export function loadTrace(spec: TraceSpec): Trace {
  const abs = resolve(spec.path);
  let stamp: string;
  try {
    const st = statSync(abs);
    stamp = `${st.size}/${st.mtimeMs}`;
  } catch {
    stamp = '';
  }
  const key = `${abs}\0${spec.text}`;
  const hit = cache.get(key);
  if (hit && stamp !== '' && hit.stamp === stamp) return hit.trace;
  const trace = readTrace(spec.path, spec.options);
  cache.set(key, { stamp, trace });
  return trace;
}
