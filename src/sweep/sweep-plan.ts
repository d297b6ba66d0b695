import type { ParamJson } from '../model/param.ts';

/** One swept parameter: its values in the order the experiment file lists them. */
export interface SweepAxis {
  /** Flag name (`batch-size`). */
  readonly name: string;
  /** Unit of the values as the model receives them (`s`, `/s`, or '' for plain numbers). */
  readonly unit: string;
  /** As summary.json and CSV show them: numbers in `unit`, `unlimited` for Infinity. */
  readonly values: readonly ParamJson[];
  /** As a person writes them: `15m`, `90/s`, `unlimited`. */
  readonly labels: readonly string[];
}

/**
 * A chart of one metric against one swept parameter, a line per value of `color`; or, with
 * `type: 'heatmap'`, a cell per value of `x` and of `y`, coloured by the metric.
 */
export interface SweepChart {
  /** File name stem: `charts/<name>.vl.json` and `.svg`. */
  readonly name: string;
  readonly title: string;
  readonly metric: string;
  readonly x: string;
  /** @default 'line' */
  readonly type?: 'line' | 'heatmap';
  /** The second swept parameter of a heatmap. */
  readonly y?: string;
  /** @default none: one line */
  readonly color?: string;
  /** Log scale on the metric axis. @default false */
  readonly log: boolean;
}

/**
 * Everything a sweep's outputs depend on, and nothing about where or how it ran: JSON data
 * that shard files carry, so `sim merge` writes the same bytes without the experiment file.
 */
export interface SweepPlan {
  /** The experiment file's stem: names the default output directory. */
  readonly experiment: string;
  readonly description: string;
  readonly model: string;
  readonly durationS: number;
  /** Replication r of every point runs with seeds[r] (common random numbers). */
  readonly seeds: readonly number[];
  /** Every parameter that is not swept, defaults included, by flag name in declaration order. */
  readonly params: Readonly<Record<string, ParamJson>>;
  /** The same values as a person writes them (`15m`, `unlimited`). */
  readonly paramText: Readonly<Record<string, string>>;
  /** In file order; the last axis varies fastest when points are enumerated. */
  readonly axes: readonly SweepAxis[];
  readonly charts: readonly SweepChart[];
  /** Opaque to the sweep: the checks section, passed through for `sim check`. */
  readonly checks: readonly unknown[];
}

/** One run: a grid point under one seed. `index = point * seeds.length + replication`. */
export interface SweepJob {
  readonly index: number;
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
  /** Every parameter by flag name, as the model receives it through runModel. */
  readonly params: Readonly<Record<string, ParamJson>>;
}

export function pointCount(plan: SweepPlan): number {
  return plan.axes.reduce((n, a) => n * a.values.length, 1);
}

export function jobCount(plan: SweepPlan): number {
  return pointCount(plan) * plan.seeds.length;
}

/** The value index on each axis of point `p`: mixed radix, last axis fastest. */
export function pointCoordinates(plan: SweepPlan, p: number): number[] {
  const out = new Array<number>(plan.axes.length);
  let rest = p;
  for (let a = plan.axes.length - 1; a >= 0; a--) {
    const n = plan.axes[a]!.values.length;
    out[a] = rest % n;
    rest = Math.floor(rest / n);
  }
  return out;
}

/** The swept values of point `p`, by flag name. */
export function pointValues(plan: SweepPlan, p: number): Record<string, ParamJson> {
  const coords = pointCoordinates(plan, p);
  const out: Record<string, ParamJson> = {};
  plan.axes.forEach((a, i) => (out[a.name] = a.values[coords[i]!]!));
  return out;
}

/** `arrival-rate=90/s servers=10`: a point as a person reads it. */
export function pointLabel(plan: SweepPlan, p: number): string {
  const coords = pointCoordinates(plan, p);
  return plan.axes.map((a, i) => `${a.name}=${a.labels[coords[i]!]}`).join(' ');
}

export function sweepJob(plan: SweepPlan, index: number): SweepJob {
  const r = plan.seeds.length;
  const point = Math.floor(index / r);
  const replication = index % r;
  return { index, point, replication, seed: plan.seeds[replication]!, params: { ...plan.params, ...pointValues(plan, point) } };
}
