import { stringify } from 'csv-stringify/sync';
import type { ParamJson } from '../model/param.ts';
import { type JobMetrics, metricNamesOf, type PointSummary } from './point-summary.ts';
import { sweepJob, type SweepPlan } from './sweep-plan.ts';

type Cell = ParamJson | null;

/** How a value reads in CSV: numbers as JavaScript prints them, null as an empty cell. */
function cell(v: Cell): string {
  return v === null ? '' : String(v);
}

function csv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return stringify(
    rows.map((r) => r.map(cell)),
    { header: true, columns: [...columns] },
  );
}

/**
 * sweep.csv: one row per run (point × replication) in job order: the swept parameters by
 * flag name (numbers in the parameter's unit), the seed, then every metric.
 */
export function sweepCsv(plan: SweepPlan, results: readonly JobMetrics[]): string {
  const metrics = metricNamesOf(results);
  const axes = plan.axes.map((a) => a.name);
  const rows = results.map((r, i) => {
    const job = sweepJob(plan, i);
    return [...axes.map((a) => job.params[a]!), job.seed, ...metrics.map((m) => r[m] ?? null)];
  });
  return csv([...axes, 'seed', ...metrics], rows);
}

/**
 * summary.csv: one row per grid point: the swept parameters, the number of replications,
 * then for each metric its mean, standard deviation and 95% confidence interval.
 */
export function summaryCsv(plan: SweepPlan, points: readonly PointSummary[]): string {
  const metrics = points[0] ? [...points[0].metrics.keys()] : [];
  const columns = [...plan.axes.map((a) => a.name), 'replications', ...metrics.flatMap((m) => [`${m}_mean`, `${m}_sd`, `${m}_ci95_low`, `${m}_ci95_high`])];
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
