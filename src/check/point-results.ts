import { metricNamesOf, type JobMetrics } from '../sweep/point-summary.ts';
import { pointCoordinates, pointLabel, type SweepPlan } from '../sweep/sweep-plan.ts';
import { aggregate } from './aggregate.ts';

/** A check file's run results, by grid point (only the points its checks select were run). */
export class PointResults {
  /** Every metric name any run reported, in the order the runs listed them. */
  readonly metricNames: readonly string[];
  /** The points that were run, in grid order. */
  readonly points: readonly number[];

  constructor(
    readonly plan: SweepPlan,
    /** Point -> its replications' metrics, replication r at [r]. */
    private readonly byPoint: ReadonlyMap<number, readonly JobMetrics[]>,
  ) {
    this.points = [...byPoint.keys()].sort((a, b) => a - b);
    this.metricNames = metricNamesOf(this.points.flatMap((p) => byPoint.get(p)!));
  }

  /** Replication r of point p is `runs(p)[r]`. */
  runs(p: number): readonly JobMetrics[] {
    const runs = this.byPoint.get(p);
    if (!runs) throw new Error(`point ${p} was not run`);
    return runs;
  }

  label(p: number): string {
    return pointLabel(this.plan, p);
  }

  /**
   * Two points as a comparison reads: the axes where they differ (`jitter=15m vs jitter=0`),
   * then the axes they share in brackets (`[batch-size=50]`).
   */
  versus(candidate: number, baseline: number): string {
    const c = pointCoordinates(this.plan, candidate);
    const b = pointCoordinates(this.plan, baseline);
    const part = (coords: number[], a: number) => `${this.plan.axes[a]!.name}=${this.plan.axes[a]!.labels[coords[a]!]}`;
    const axes = this.plan.axes.map((_, a) => a);
    const differ = axes.filter((a) => c[a] !== b[a]);
    const same = axes.filter((a) => c[a] === b[a]);
    const head = `${differ.map((a) => part(c, a)).join(' ')} vs ${differ.map((a) => part(b, a)).join(' ')}`;
    return same.length > 0 ? `${head} [${same.map((a) => part(c, a)).join(' ')}]` : head;
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
