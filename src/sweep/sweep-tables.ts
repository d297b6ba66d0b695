import { stringify } from 'csv-stringify/sync';
import type { ParamJson } from '../model/param.ts';
import { roundMetric } from '../model/run-model.ts';
import { paramCell, paramColumn } from './param-column.ts';
import { type JobMetrics, metricNamesOf, type PointSummary } from './point-summary.ts';
import { sweepJob, type SweepPlan } from './sweep-plan.ts';

type Cell = ParamJson | null;

/** How a value reads in CSV: numbers as JavaScript prints them, null as an empty cell, unlimited as inf. */
function cell(v: Cell): string {
  return v === null ? '' : paramCell(v);
}

/** The swept parameters' column names: snake_case with units (`jitter_s`). */
export function axisColumns(plan: SweepPlan): string[] {
  return plan.axes.map((a) => paramColumn(a.name, a.unit, a.values));
}

function csv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return stringify(
    rows.map((r) => r.map(cell)),
    { header: true, columns: [...columns] },
  );
}

/**
 * sweep.csv: one row per run (point × replication) in job order: the swept parameters
 * (snake_case columns with units, numbers in that unit, `inf` for unlimited), the seed,
 * then every metric.
 */
export function sweepCsv(plan: SweepPlan, results: readonly JobMetrics[]): string {
  const metrics = metricNamesOf(results);
  const axes = plan.axes.map((a) => a.name);
  const rows = results.map((r, i) => {
    const job = sweepJob(plan, i);
    return [...axes.map((a) => job.params[a]!), job.seed, ...metrics.map((m) => r[m] ?? null)];
  });
  return csv([...axisColumns(plan), 'seed', ...metrics], rows);
}

/**
 * summary.csv: one row per grid point: the swept parameters, the number of replications,
 * then for each metric its mean, standard deviation and 95% confidence interval.
 */
export function summaryCsv(plan: SweepPlan, points: readonly PointSummary[]): string {
  const metrics = points[0] ? [...points[0].metrics.keys()] : [];
  const columns = [...axisColumns(plan), 'replications', ...metrics.flatMap((m) => [`${m}_mean`, `${m}_sd`, `${m}_ci95_low`, `${m}_ci95_high`])];
  const rows = points.map((pt) => [
    ...plan.axes.map((a, i) => a.values[pt.coordinates[i]!]!),
    pt.replications,
    ...metrics.flatMap((m) => {
      const s = pt.metrics.get(m)!;
      return [s.mean, s.sd, s.ci95Low, s.ci95High];
    }),
  ]);
  return csv(columns, rows);
}

/**
 * summary-long.csv: tidy, one row per point × metric: the swept parameters, the metric's
 * name, then n (replications with a value), mean, sd, ci_low and ci_high (the 95% interval
 * of the mean), and min, p50 (median) and max over the replications.
 */
export function summaryLongCsv(plan: SweepPlan, points: readonly PointSummary[], results: readonly JobMetrics[]): string {
  const reps = plan.seeds.length;
  const rows: Cell[][] = [];
  for (const pt of points) {
    const params = plan.axes.map((a, i) => a.values[pt.coordinates[i]!]!);
    const runs = results.slice(pt.point * reps, (pt.point + 1) * reps);
    for (const [name, s] of pt.metrics) {
      const xs = runs.map((r) => r[name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const o = orderStats(xs);
      rows.push([...params, name, s.n, s.mean, s.sd, s.ci95Low, s.ci95High, o.min, o.p50, o.max]);
    }
  }
  return csv([...axisColumns(plan), 'metric', 'n', 'mean', 'sd', 'ci_low', 'ci_high', 'min', 'p50', 'max'], rows);
}

/** Smallest, median (the mean of the middle two for an even count) and largest; nulls when empty. */
export function orderStats(xs: readonly number[]): { min: number | null; p50: number | null; max: number | null } {
  if (xs.length === 0) return { min: null, p50: null, max: null };
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const p50 = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { min: s[0]!, p50: roundMetric(p50), max: s[s.length - 1]! };
}
