import { pointCount, sweepJob } from '../sweep/sweep-plan.ts';
import { baselineRecord } from './baseline-record.ts';
import { baselineRows, updatedRow } from './baseline-rows.ts';
import type { BaselineStore } from './baseline-store.ts';
import type { CheckFile } from './check-file.ts';
import type { CheckRow, FileOutcome } from './check-row.ts';
import { checkRows } from './check-rows.ts';
import { PointResults } from './point-results.ts';
import type { RunBackend } from './run-backend.ts';

export interface CheckRunOptions {
  readonly backend: RunBackend;
  /** The committed baseline; null: baselines are neither judged nor written. */
  readonly baseline: BaselineStore | null;
  /** Record the current metrics instead of judging them against the baseline. @default false */
  readonly updateBaseline?: boolean;
  /** With updateBaseline: drop records of check files that were not run (every file ran). @default false */
  readonly pruneBaseline?: boolean;
  /** Wall clock in milliseconds, for the time each file took; only the CLI may read one. */
  readonly nowMs?: () => number;
  /** The command that records a new baseline, quoted in messages. @default sim check --update-baseline */
  readonly updateCommand?: string;
  /** Called before each file's runs start. */
  readonly onFile?: (file: string, runs: number) => void;
}

/**
 * Runs each check file's selected grid points × seeds, then judges its checks and its
 * baseline. Files run one after another; each file's runs go to the backend together.
 */
export async function runChecks(files: readonly CheckFile[], opts: CheckRunOptions): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    const t0 = opts.nowMs?.();
    const { plan } = file.experiment;
    const points = selectedPoints(file);
    const reps = plan.seeds.length;
    const jobs = points.flatMap((p) =>
      plan.seeds.map((_, r) => {
        const job = sweepJob(plan, p * reps + r);
        return { index: job.index, seed: job.seed, durationS: plan.durationS, params: job.params };
      }),
    );
    opts.onFile?.(file.file, jobs.length);
    const metrics = await opts.backend.run(file.experiment, jobs);
    const results = new PointResults(plan, new Map(points.map((p, k) => [p, metrics.slice(k * reps, (k + 1) * reps)])));
    const rows: CheckRow[] = checkRows(file, results);
    if (opts.baseline && file.baseline.enabled) {
      const store = opts.baseline;
      const key = store.keyOf(file.absFile);
      const current = baselineRecord(file, results);
      if (opts.updateBaseline) {
        store.set(key, current);
        rows.push(updatedRow(current, store.file));
      } else {
        rows.push(...baselineRows(file, store.get(key), current, store.file, opts.updateCommand));
      }
    }
    const wallS = t0 === undefined ? undefined : (opts.nowMs!() - t0) / 1000;
    outcomes.push({
      file: file.file,
      model: plan.model,
      durationS: plan.durationS,
      seeds: plan.seeds,
      points: results.points.length,
      rows,
      ...(wallS === undefined ? {} : { wallS }),
    });
  }
  if (opts.baseline && opts.updateBaseline) {
    if (opts.pruneBaseline) opts.baseline.retain(new Set(files.filter((f) => f.baseline.enabled).map((f) => opts.baseline!.keyOf(f.absFile))));
    opts.baseline.write();
  }
  return outcomes;
}

/**
 * The grid points some check of the file selects, in grid order: a grid can name many
 * variants (every combination of its axes) while its checks run only the ones they test.
 */
function selectedPoints(file: CheckFile): number[] {
  const set = new Set<number>();
  for (const c of file.checks) {
    if (c.kind === 'expect') for (const p of c.points) set.add(p);
    else for (const { baseline, candidate } of c.pairs) set.add(baseline).add(candidate);
  }
  // A file with only a baseline entry records every point.
  if (file.checks.length === 0) return Array.from({ length: pointCount(file.experiment.plan) }, (_, p) => p);
  return [...set].sort((a, b) => a - b);
}
