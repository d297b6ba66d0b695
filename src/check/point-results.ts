import { metricNamesOf, type JobMetrics } from '../sweep/point-summary.ts';
import { pointCount, pointLabel, type SweepPlan } from '../sweep/sweep-plan.ts';
import { aggregate } from './aggregate.ts';

/** A check file's run results, by grid point. */
export class PointResults {
  /** Every metric name any run reported, in the order the runs listed them. */
  readonly metricNames: readonly string[];

  constructor(
    readonly plan: SweepPlan,
    /** Indexed by job: point-major, `index = point * seeds + replication`. */
    private readonly results: readonly JobMetrics[],
  ) {
    this.metricNames = metricNamesOf(results);
  }

  get points(): number {
    return pointCount(this.plan);
  }

  /** Replication r of point p is `runs(p)[r]`. */
  runs(p: number): readonly JobMetrics[] {
    const r = this.plan.seeds.length;
    return this.results.slice(p * r, (p + 1) * r);
  }

  label(p: number): string {
    return pointLabel(this.plan, p);
  }

  /** Mean of one metric over the point's replications (null: no run had a value). */
  mean(p: number, metric: string): number | null {
    return aggregate('mean', this.runs(p).map((m) => m[metric] ?? null));
  }

  /** Every metric's mean at point p, in metricNames order. */
  means(p: number): Record<string, number | null> {
    const out: Record<string, number | null> = {};
    for (const name of this.metricNames) out[name] = this.mean(p, name);
    return out;
  }
}
