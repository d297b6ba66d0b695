import { InputError } from '../input-error.ts';
import { columnIndex, readCsv } from './csv-file.ts';

/** Seconds per unit of a column's values. */
export const VALUE_UNITS: Readonly<Record<string, number>> = { us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };

/** Why rows were left out, by kind; `firstLine` is the first line of that kind. */
export interface BadRows {
  readonly empty: number;
  readonly notNumber: number;
  readonly negative: number;
  /** Line numbers of the first few bad rows, in file order. */
  readonly lines: readonly number[];
  readonly total: number;
}

export interface NumericColumn {
  readonly file: string;
  readonly column: string;
  readonly unit: string;
  /** Values converted to seconds, in file order. */
  readonly values: Float64Array;
  readonly rows: number;
  readonly bad: BadRows;
}

export interface NumericColumnOptions {
  /** Column name; when absent the file must have exactly one column. */
  readonly column?: string;
  /** Unit of the values: us, ms, s, m, h, d. @default 's' */
  readonly unit?: string;
  /** Largest share of bad rows (empty, not a number, negative) accepted, 0..1. @default 0.05 */
  readonly maxBadShare?: number;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const KEPT_LINES = 5;

/**
 * Reads one column of non-negative numbers (durations) from a CSV file. Bad rows (empty,
 * not a number, negative) are counted, not used; more than `maxBadShare` of them is an
 * InputError, as is a file with no good row.
 */
export function readNumericColumn(file: string, opts: NumericColumnOptions = {}): NumericColumn {
  const unit = opts.unit ?? 's';
  const perUnit = VALUE_UNITS[unit];
  if (perUnit === undefined) throw new InputError(`--unit: unknown unit '${unit}'; use one of ${Object.keys(VALUE_UNITS).join(', ')}`);
  const maxBad = opts.maxBadShare ?? 0.05;
  const csv = readCsv(file);
  let column = opts.column;
  if (column === undefined) {
    if (csv.header.length !== 1) {
      throw new InputError(`${file}:1: the file has ${csv.header.length} columns (${csv.header.join(', ')}); name the one to read with --column`);
    }
    column = csv.header[0]!;
  }
  const col = columnIndex(csv, column, '--column');
  const values = new Float64Array(csv.rows.length);
  let n = 0;
  let empty = 0;
  let notNumber = 0;
  let negative = 0;
  const lines: number[] = [];
  for (const row of csv.rows) {
    const text = row.fields[col] ?? '';
    let kind: 'empty' | 'nan' | 'negative' | null = null;
    if (text === '') kind = 'empty';
    else if (!NUMBER.test(text)) kind = 'nan';
    else {
      const v = Number(text);
      if (!Number.isFinite(v)) kind = 'nan';
      else if (v < 0) kind = 'negative';
      else values[n++] = v * perUnit;
    }
    if (kind === null) continue;
    if (kind === 'empty') empty++;
    else if (kind === 'nan') notNumber++;
    else negative++;
    if (lines.length < KEPT_LINES) lines.push(row.line);
  }
  const bad: BadRows = { empty, notNumber, negative, lines, total: empty + notNumber + negative };
  const rows = csv.rows.length;
  if (rows === 0) throw new InputError(`${file}: only a header row; expected one row per value below it`);
  if (n === 0) throw new InputError(`${file}:${lines[0]}: no row of column '${column}' holds a number >= 0 (${badRowsText(bad)})`);
  if (bad.total > maxBad * rows) {
    throw new InputError(
      `${file}:${lines[0]}: ${bad.total} of ${rows} rows (${(100 * bad.total / rows).toFixed(1)}%) are bad in column '${column}' (${badRowsText(bad)}); ` +
        `at most ${+(maxBad * 100).toPrecision(4)}% may be: expected a number >= 0 on every row (raise --max-bad to accept more)`,
    );
  }
  return { file, column, unit, values: values.slice(0, n), rows, bad };
}

/** `3 empty, 2 not a number, 1 negative; lines 4, 9, 12`. */
export function badRowsText(bad: BadRows): string {
  const parts: string[] = [];
  if (bad.empty) parts.push(`${bad.empty} empty`);
  if (bad.notNumber) parts.push(`${bad.notNumber} not a number`);
  if (bad.negative) parts.push(`${bad.negative} negative`);
  if (parts.length === 0) return 'none';
  const more = bad.total > bad.lines.length ? ', ...' : '';
  return `${parts.join(', ')}; line${bad.lines.length > 1 ? 's' : ''} ${bad.lines.join(', ')}${more}`;
}
