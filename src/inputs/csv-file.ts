import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InputError } from '../input-error.ts';

// csv-parse is loaded when a CSV file is read, not by every model that declares a data parameter.
const load = createRequire(import.meta.url);
type Parse = typeof import('csv-parse/sync').parse;
let parseFn: Parse | null = null;

/** One data row of a CSV file, with the line it starts on (1-based, as an editor shows it). */
export interface CsvRow {
  readonly fields: readonly string[];
  readonly line: number;
}

export interface CsvFile {
  readonly file: string;
  /** Column names from the first row, trimmed. */
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/**
 * Reads a CSV file whose first row names the columns (RFC 4180 quoting, a UTF-8 byte-order
 * mark allowed, blank lines skipped). Every failure is an InputError naming the file and,
 * for malformed content, the line: a file that cannot be read, an empty file, an unclosed
 * quote.
 */
export function readCsv(file: string): CsvFile {
  const text = readText(file);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    parseFn ??= (load('csv-parse/sync') as { parse: Parse }).parse;
    records = parseFn(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as never;
  } catch (e) {
    const err = e as { message?: string; lines?: number; code?: string };
    const line = err.lines ?? lineOf(err.message);
    const reason = REASONS[err.code ?? ''] ?? (err.message ?? String(e)).split('\n')[0];
    throw new InputError(`${file}${line ? `:${line}` : ''}: malformed CSV (${reason}); expected comma-separated fields, quoted with "..." where they contain commas or quotes`);
  }
  if (records.length === 0) throw new InputError(`${file}: the file is empty; expected a header row naming the columns, then one row per value`);
  const first = records[0]!;
  const header = first.record.map((h) => h.trim());
  // csv-parse counts lines up to the end of a record; a record that spans lines starts earlier.
  const rows = records.slice(1).map((r) => ({ fields: r.record, line: r.info.lines - newlines(r.record) }));
  return { file, header, rows };
}

/** The index of a named column; an InputError listing the columns there are if it is missing. */
export function columnIndex(csv: CsvFile, name: string, flag: string): number {
  const i = csv.header.indexOf(name);
  if (i < 0) {
    throw new InputError(`${csv.file}:1: no column '${name}' (${flag}); the header names ${csv.header.map((h) => `'${h}'`).join(', ')}`);
  }
  return i;
}

/** Every data file this process has read (its path as named -> its text), for cache keys. */
const dataFilesRead = new Map<string, string>();

/**
 * A digest of every data file (trace, backlog CSV, schedule) this process has read so far,
 * by path and content. Sweeps and plans read the files their parameters name while
 * validating them, before they key cached runs, so an edited file never serves old results.
 */
export function dataFilesDigest(): string {
  const h = createHash('sha256');
  for (const file of [...dataFilesRead.keys()].sort()) h.update(`\0${file}\0`).update(dataFilesRead.get(file)!);
  return dataFilesRead.size === 0 ? '' : h.digest('hex');
}

export function readText(file: string): string {
  try {
    const text = readFileSync(file, 'utf8');
    // Named as given (relative to the working directory), so the same data in another checkout keys alike.
    dataFilesRead.set(file, text);
    return text;
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(e));
    throw new InputError(`cannot read ${file}: ${why}; give the path of a readable file`);
  }
}

const REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'text right after a closing quote',
  CSV_INVALID_OPENING_QUOTE: 'a quote inside an unquoted field',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'a row with a different number of fields',
};

function newlines(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++;
  return n;
}

function lineOf(message: string | undefined): number | undefined {
  const m = /at line (\d+)/.exec(message ?? '');
  return m ? Number(m[1]) : undefined;
}
