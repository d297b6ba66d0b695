import { z } from 'zod';
import { type MeanInterval, meanInterval } from './mean-interval.ts';
import { type OutcomeModes, outcomeModes } from './outcome-modes.ts';
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
  /** Metrics whose replications split into two outcomes (see `outcomeModes`), with the two. */
  readonly modes?: ReadonlyMap<string, OutcomeModes>;
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
  const ranges = new Map(names.map((name) => [name, rangeOf(results.map((r) => r[name] ?? null))]));
  const out: PointSummary[] = [];
  for (let p = 0; p < pointCount(plan); p++) {
    const runs = results.slice(p * reps, (p + 1) * reps);
    const metrics = new Map<string, MeanInterval>();
    const modes = new Map<string, OutcomeModes>();
    for (const name of names) {
      const values = runs.map((r) => r[name] ?? null);
      metrics.set(name, meanInterval(values));
      const split = outcomeModes(values, ranges.get(name));
      if (split) modes.set(name, split);
    }
    out.push({ point: p, coordinates: pointCoordinates(plan, p), replications: reps, metrics, modes });
  }
  return out;
}

/** max - min of the finite values (0 when there are none). */
function rangeOf(values: readonly (number | null)[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi >= lo ? hi - lo : 0;
}
