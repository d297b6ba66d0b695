import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { JobMetrics } from './point-summary.ts';

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
    const text = readFileSync(this.file, 'utf8');
    this.cutShort = text.length > 0 && !text.endsWith('\n');
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const e = JSON.parse(line) as { key?: unknown; metrics?: unknown };
        if (typeof e.key === 'string' && typeof e.metrics === 'object' && e.metrics !== null) this.entries.set(e.key, e.metrics as JobMetrics);
      } catch {
        // A line cut short by a kill: that run is simply run again.
      }
    }
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
      mkdirSync(this.dir, { recursive: true });
      this.fd = openSync(this.file, 'a');
      if (this.cutShort) writeSync(this.fd, '\n');
      this.cutShort = false;
    }
    writeSync(this.fd, `${JSON.stringify({ key, metrics })}\n`);
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
