import { z } from 'zod';
import { type MeanInterval, meanInterval } from './mean-interval.ts';
import { pointCount, pointCoordinates, type SweepPlan } from './sweep-plan.ts';

/** One run's summary metrics, as runModel rounds them (null: no value). */
export type JobMetrics = Readonly<Record<string, number | null>>;

/** JobMetrics as files that carry them (shards, resume caches) must hold them. */
export const jobMetricsSchema = z.record(z.string(), z.union([z.number(), z.null()], { error: 'expected a number or null' }));

/** A grid point's metrics over its replications. */
export interface PointSummary {
  readonly point: number;
  /** Value index on each axis. */
  readonly coordinates: readonly number[];
  readonly replications: number;
  readonly metrics: ReadonlyMap<string, MeanInterval>;
}

/** Metric names in the order the first run listed them, then any others in job order. */
export function metricNamesOf(results: readonly JobMetrics[]): string[] {
  const names = new Set<string>();
  for (const r of results) for (const k of Object.keys(r)) names.add(k);
  return [...names];
}

/** Per-point means and intervals; `results` is indexed by job (point-major). */
export function summarizePoints(plan: SweepPlan, results: readonly JobMetrics[]): PointSummary[] {
  const names = metricNamesOf(results);
  const reps = plan.seeds.length;
  const out: PointSummary[] = [];
  for (let p = 0; p < pointCount(plan); p++) {
    const runs = results.slice(p * reps, (p + 1) * reps);
    const metrics = new Map<string, MeanInterval>();
    for (const name of names) metrics.set(name, meanInterval(runs.map((r) => r[name] ?? null)));
    out.push({ point: p, coordinates: pointCoordinates(plan, p), replications: reps, metrics });
  }
  return out;
}
