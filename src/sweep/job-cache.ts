import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { withFsErrors } from '../files/fs-error.ts';
import { checkJson } from '../files/json-file.ts';
import { makeDirs } from '../files/make-dirs.ts';
import { type JobMetrics, jobMetricsSchema } from './point-summary.ts';

const entrySchema = z.strictObject({ key: z.string().regex(/^[0-9a-f]{32}$/, 'must be a run key (32 hex digits)'), metrics: jobMetricsSchema });

/**
 * Finished runs of an interrupted sweep, so that running the same command again skips them.
 * An append-only JSON-lines file, one `{"key", "metrics"}` per run, written as each run
 * finishes. A kill can cut the last line short; such a line is ignored on reading, and the
 * next append starts on a fresh line. Keys hash everything a run depends on (see jobKey), so
 * an entry can only ever be reused for an identical run.
 */
export class JobCache {
  private readonly entries = new Map<string, JobMetrics>();
  private readonly file: string;
  private fd = -1;
  /** The file ends part-way through a line (a kill during a write). */
  private cutShort = false;

  constructor(readonly dir: string) {
    this.file = join(dir, 'runs.jsonl');
    if (!existsSync(this.file)) return;
    const text = withFsErrors(() => readFileSync(this.file, 'utf8'));
    this.cutShort = text.length > 0 && !text.endsWith('\n');
    text.split('\n').forEach((line, i) => {
      if (!line) return;
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch {
        // A line cut short by a kill: that run is simply run again.
        return;
      }
      // A whole line that is wrong was not cut short: the cache is damaged, and using it
      // would put made-up numbers in the results.
      const e = checkJson(`${this.file}:${i + 1}`, data, entrySchema, `delete ${this.file} to run those runs again`);
      this.entries.set(e.key, e.metrics);
    });
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): JobMetrics | undefined {
    return this.entries.get(key);
  }

  /** Records a finished run; on disk before this returns (the OS keeps it if we are killed). */
  add(key: string, metrics: JobMetrics): void {
    if (this.fd < 0) {
      withFsErrors(() => {
        makeDirs(this.dir);
        this.fd = openSync(this.file, 'a');
      });
      if (this.cutShort) writeSync(this.fd, '\n');
      this.cutShort = false;
    }
    withFsErrors(() => writeSync(this.fd, `${JSON.stringify({ key, metrics })}\n`));
    this.entries.set(key, metrics);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /** Deletes the cache once the sweep's outputs are written. */
  remove(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
