import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/write-file-atomic.ts';
import type { RunFiles } from './thread-pool.ts';
import { pointCount, pointLabel, type SweepPlan } from './sweep-plan.ts';

/** The files `sim sweep --keep-series` keeps for each point's first replication. */
export const KEPT_FILES = ['run.json', 'summary.json', 'timeseries.csv'] as const;

/**
 * A kept point's directory inside the sweep output, `points/<n>-<values>`: numbered in grid
 * order (zero-padded, so they sort), then the point's values in a form any shell and file
 * system take (`points/04-jitter=15m_batch-size=50`).
 */
export function keptPointDir(plan: SweepPlan, point: number): string {
  const width = String(pointCount(plan)).length;
  const values = pointLabel(plan, point)
    .replace(/\//g, '-per-')
    .replace(/\s+/g, '_')
    .replace(/[^A-Za-z0-9_.=+-]/g, '-');
  return join('points', `${String(point + 1).padStart(width, '0')}-${values}`);
}

/**
 * Writes a kept run's files under `root` (the resume cache while the sweep runs), each whole
 * or not at all, so a file that is there after a kill is complete (see hasKeptRun).
 */
export function writeKeptRun(root: string, dir: string, files: RunFiles): void {
  for (const name of KEPT_FILES) writeFileAtomic(join(root, dir, name), files[name] ?? '', 'the resume cache');
}

/** True when every kept file of a point is under `root`. */
export function hasKeptRun(root: string, dir: string): boolean {
  return KEPT_FILES.every((name) => existsSync(join(root, dir, name)));
}

/** Every kept point under `root` (a sweep or shard output, or the resume cache), by relative path. */
export function readKeptRuns(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const points = join(root, 'points');
  if (!existsSync(points)) return out;
  for (const dir of readdirSync(points).sort()) {
    for (const name of KEPT_FILES) {
      const file = join(points, dir, name);
      if (existsSync(file)) out.set(join('points', dir, name), readFileSync(file, 'utf8'));
    }
  }
  return out;
}
