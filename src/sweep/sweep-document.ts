import type { ParamJson } from '../model/param.ts';
import { keptPointDir } from './kept-series.ts';
import { type JobMetrics, summarizePoints } from './point-summary.ts';
import { orderStats } from './sweep-tables.ts';
import { jobCount, pointValues, type SweepPlan } from './sweep-plan.ts';

/**
 * What `sim sweep --json` prints: the sweep, and per point its swept values and every
 * metric's mean, sd, 95% interval, min, median and max over the replications (the numbers
 * of summary-long.csv). `series` names the kept point directory with --keep-series.
 */
export function sweepDocument(plan: SweepPlan, results: readonly JobMetrics[], out: string, runsCached: number, keptSeries: boolean): Record<string, unknown> {
  const reps = plan.seeds.length;
  return {
    sim: 'sweep',
    version: 1,
    experiment: plan.experiment,
    model: plan.model,
    out,
    duration_s: plan.durationS,
    seeds: plan.seeds,
    runs: jobCount(plan),
    runs_cached: runsCached,
    params: plan.params,
    points: summarizePoints(plan, results).map((pt) => {
      const runs = results.slice(pt.point * reps, (pt.point + 1) * reps);
      const metrics: Record<string, Record<string, number | null>> = {};
      for (const [name, s] of pt.metrics) {
        const o = orderStats(runs.map((r) => r[name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)));
        metrics[name] = { n: s.n, mean: s.mean, sd: s.sd, ci_low: s.ci95Low, ci_high: s.ci95High, min: o.min, p50: o.p50, max: o.max };
      }
      const values: Record<string, ParamJson> = pointValues(plan, pt.point);
      return { point: pt.point + 1, values, replications: pt.replications, ...(keptSeries ? { series: `${out}/${keptPointDir(plan, pt.point)}` } : {}), metrics };
    }),
  };
}
