import type { ParamJson } from '../model/param.ts';
import type { CheckFile } from './check-file.ts';
import type { PointResults } from './point-results.ts';

/**
 * What `sim check --update-baseline` records for one check file: the settings its runs
 * used and every summary metric's mean over replications at every grid point (by point
 * label, `jitter=15m batch-size=50`).
 */
export interface BaselineRecord {
  readonly model: string;
  readonly duration_s: number;
  readonly seeds: readonly number[];
  /** Every parameter that is not swept, defaults included. */
  readonly params: Readonly<Record<string, ParamJson>>;
  readonly points: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
}

export function baselineRecord(file: CheckFile, results: PointResults): BaselineRecord {
  const { plan } = file.experiment;
  const points: Record<string, Record<string, number | null>> = {};
  for (const p of results.points) {
    const all = results.means(p);
    const kept: Record<string, number | null> = {};
    for (const [name, v] of Object.entries(all)) if (!file.baseline.ignore.has(name)) kept[name] = v;
    points[results.label(p)] = kept;
  }
  return { model: plan.model, duration_s: plan.durationS, seeds: [...plan.seeds], params: { ...plan.params }, points };
}
