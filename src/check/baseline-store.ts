import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { InputError } from '../input-error.ts';
import type { BaselineRecord } from './baseline-record.ts';

const VERSION = 1;
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
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(abs, 'utf8'));
    } catch (e) {
      throw new InputError(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)}); restore it from git or run sim check --update-baseline`);
    }
    const files = (data as { files?: unknown } | null)?.files;
    if ((data as { version?: unknown } | null)?.version !== VERSION || typeof files !== 'object' || files === null) {
      throw new InputError(`${file}: not a sim baseline file (version ${VERSION} with a files mapping); run sim check --update-baseline to rewrite it`);
    }
    return new BaselineStore(file, abs, new Map(Object.entries(files as Record<string, BaselineRecord>)));
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
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.abs}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, text);
      renameSync(tmp, this.abs);
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}
