import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../input-error.ts';

/** Files sim writes that mark a directory as one of its outputs (safe to replace). */
const MARKERS = ['summary.json', 'sweep.csv', 'plan.csv', 'shard.json', 'fit.json'];

/**
 * Checks that `dir` can receive an output: it is not a file, and if it exists it is empty or
 * an earlier sim output. Call before a long run, so bad input fails at once.
 */
export function checkOutDir(dir: string, flag = '--out'): string {
  const abs = resolve(dir);
  if (!existsSync(abs)) return abs;
  if (!statSync(abs).isDirectory()) throw new InputError(`${flag} ${dir} is a file; give a directory path`);
  const entries = readdirSync(abs);
  if (entries.length > 0 && !MARKERS.some((m) => entries.includes(m))) {
    throw new InputError(`${flag} ${dir} is a non-empty directory that is not a sim output; choose a new or empty directory`);
  }
  return abs;
}

/**
 * Writes `files` (relative path -> content) as directory `dir`, atomically: everything goes
 * into a temporary sibling first, which then replaces `dir` by rename. A failure part-way
 * leaves `dir` as it was and removes the temporary directory.
 */
export function writeOutDir(dir: string, files: ReadonlyMap<string, string>, flag = '--out'): void {
  const abs = checkOutDir(dir, flag);
  mkdirSync(dirname(abs), { recursive: true });
  const tmp = join(dirname(abs), `.${basename(abs)}.tmp-${process.pid}`);
  const old = join(dirname(abs), `.${basename(abs)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    for (const [rel, content] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const path = join(tmp, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    if (existsSync(abs)) renameSync(abs, old);
    renameSync(tmp, abs);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(abs) && existsSync(old)) renameSync(old, abs);
    throw e;
  }
}
