import { InputError } from '../input-error.ts';
import { columnIndex, readCsv } from './csv-file.ts';
import { parseTimestamp } from './timestamp.ts';

/** Arrival times read from a CSV file, sorted, as seconds after the trace's start. */
export interface Trace {
  readonly file: string;
  /** Seconds after `startEpochS`, non-decreasing. */
  readonly times: Float64Array;
  /** Index into `typeNames` per arrival; all 0 when the trace has no type column. */
  readonly types: Uint16Array;
  readonly typeNames: readonly string[];
  /** The epoch second simulated time 0 stands for. */
  readonly startEpochS: number;
  /** Rows that were out of time order in the file (they are sorted, stably). */
  readonly outOfOrder: number;
  /** The file line of each arrival, in the sorted order. */
  readonly lines: Uint32Array;
}

export interface TraceOptions {
  /** Column of timestamps. @default the first of time, timestamp, ts, enqueued_at, created_at, or the only column */
  readonly column?: string;
  /** Column of job types (names); absent: every arrival is of one type. */
  readonly typeColumn?: string;
  /** Seconds per unit of numeric (epoch) timestamps: 1 for seconds, 0.001 for milliseconds. @default 1 */
  readonly epochUnitS?: number;
  /** The epoch second that simulated time 0 stands for. @default the earliest timestamp */
  readonly startEpochS?: number;
}

const TIME_COLUMNS = ['time', 'timestamp', 'ts', 'enqueued_at', 'created_at', 'arrived_at'];
const MAX_TYPES = 65535;

/**
 * Reads a trace of arrivals: one row per arrival, a timestamp column (epoch seconds or
 * ISO 8601) and optionally a type column. Every row must have a valid timestamp: a trace
 * replays exact times, so a bad row is an error naming its line, not a silent gap.
 */
export function readTrace(file: string, opts: TraceOptions = {}): Trace {
  const csv = readCsv(file);
  let column = opts.column;
  if (column === undefined) {
    column = TIME_COLUMNS.find((c) => csv.header.includes(c)) ?? (csv.header.length === 1 ? csv.header[0] : undefined);
    if (column === undefined) {
      throw new InputError(`${file}:1: which column holds the timestamps? none is named ${TIME_COLUMNS.join(', ')}; name it with column=<name> (the header names ${csv.header.join(', ')})`);
    }
  }
  const col = columnIndex(csv, column, 'column=');
  const typeCol = opts.typeColumn === undefined ? -1 : columnIndex(csv, opts.typeColumn, 'type=');
  if (csv.rows.length === 0) throw new InputError(`${file}: only a header row; expected one row per arrival below it`);
  const n = csv.rows.length;
  const epoch = new Float64Array(n);
  const types = new Uint16Array(n);
  const typeNames: string[] = [];
  const typeIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const row = csv.rows[i]!;
    const text = row.fields[col] ?? '';
    const t = parseTimestamp(text, opts.epochUnitS ?? 1);
    if (!Number.isFinite(t)) {
      throw new InputError(`${file}:${row.line}: '${text}' in column '${column}' is not a timestamp; expected epoch seconds (1709280000.5) or ISO 8601 (2024-03-01T08:00:00Z)`);
    }
    epoch[i] = t;
    if (typeCol >= 0) {
      const name = row.fields[typeCol] ?? '';
      if (name === '') throw new InputError(`${file}:${row.line}: empty job type in column '${opts.typeColumn}'; expected a type name on every row`);
      let id = typeIndex.get(name);
      if (id === undefined) {
        if (typeNames.length >= MAX_TYPES) throw new InputError(`${file}:${row.line}: more than ${MAX_TYPES} job types in column '${opts.typeColumn}'`);
        id = typeNames.push(name) - 1;
        typeIndex.set(name, id);
      }
      types[i] = id;
    }
  }
  if (typeNames.length === 0) typeNames.push('job');
  let outOfOrder = 0;
  for (let i = 1; i < n; i++) if (epoch[i]! < epoch[i - 1]!) outOfOrder++;
  const order = Array.from({ length: n }, (_, i) => i);
  // Array.prototype.sort is stable: arrivals at one instant keep their file order.
  if (outOfOrder) order.sort((a, b) => epoch[a]! - epoch[b]!);
  let first = Infinity;
  for (const t of epoch) if (t < first) first = t;
  const start = opts.startEpochS ?? first;
  const times = new Float64Array(n);
  const sortedTypes = new Uint16Array(n);
  const lines = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const j = order[i]!;
    times[i] = epoch[j]! - start;
    sortedTypes[i] = types[j]!;
    lines[i] = csv.rows[j]!.line;
  }
  return { file, times, types: sortedTypes, typeNames, startEpochS: start, outOfOrder, lines };
}
