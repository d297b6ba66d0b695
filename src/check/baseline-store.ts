import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { withFsErrors } from '../files/fs-error.ts';
import { parseJsonFile } from '../files/json-file.ts';
import { writeFileAtomic } from '../files/write-file-atomic.ts';
import { InputError } from '../input-error.ts';
import type { BaselineRecord } from './baseline-record.ts';

const VERSION = 1;

const metricValue = z.union([z.number(), z.null()], { error: 'expected a number or null' });
const paramValue = z.union([z.number(), z.string(), z.boolean()], { error: 'expected a number, text or true/false' });
const recordSchema = z.strictObject({
  model: z.string().min(1),
  duration_s: z.number().positive(),
  seeds: z.array(z.number().int().nonnegative()).min(1),
  params: z.record(z.string(), paramValue),
  points: z.record(z.string(), z.record(z.string(), metricValue)),
});
const baselineSchema = z.strictObject({
  note: z.string().optional(),
  version: z.literal(VERSION),
  files: z.record(z.string(), recordSchema),
});
const NOTE = 'Written by sim check --update-baseline: every metric of every check file, to catch changes no threshold catches. Review changes to it like code.';

/**
 * The committed baseline file (checks/baseline.json by default): one record per check file,
 * keyed by the check file's path relative to the baseline file's directory, so the key does
 * not depend on where sim is run from.
 */
export class BaselineStore {
  private readonly records: Map<string, BaselineRecord>;
  private readonly dir: string;

  private constructor(
    /** As the user gave it, for messages. */
    readonly file: string,
    private readonly abs: string,
    records: Map<string, BaselineRecord>,
  ) {
    this.records = records;
    this.dir = dirname(abs);
  }

  /** Reads the file; a file that does not exist yet is an empty store. */
  static read(file: string, cwd = process.cwd()): BaselineStore {
    const abs = resolve(cwd, file);
    if (!existsSync(abs)) return new BaselineStore(file, abs, new Map());
    if (statSync(abs).isDirectory()) throw new InputError(`--baseline ${file} is a directory; give a file path`);
    const text = withFsErrors(() => readFileSync(abs, 'utf8'), `--baseline ${file}: cannot read`);
    const data = parseJsonFile(file, text, baselineSchema, 'restore it from git, or rewrite it with sim check --update-baseline');
    return new BaselineStore(file, abs, new Map(Object.entries(data.files)));
  }

  /** The key of a check file: its path from the baseline file's directory, with / separators. */
  keyOf(absCheckFile: string): string {
    return relative(this.dir, absCheckFile).split(sep).join('/');
  }

  get(key: string): BaselineRecord | undefined {
    return this.records.get(key);
  }

  set(key: string, record: BaselineRecord): void {
    this.records.set(key, record);
  }

  /** Drops the records of check files not in `keep` (after a run of every check file). */
  retain(keep: ReadonlySet<string>): void {
    for (const k of [...this.records.keys()]) if (!keep.has(k)) this.records.delete(k);
  }

  /** Writes the file atomically (temporary name, then rename), keys sorted for stable diffs. */
  write(): void {
    const files: Record<string, BaselineRecord> = {};
    for (const k of [...this.records.keys()].sort()) files[k] = this.records.get(k)!;
    const text = `${JSON.stringify({ note: NOTE, version: VERSION, files }, null, 2)}\n`;
    writeFileAtomic(this.abs, text, '--baseline');
  }
}
