import { flagName, paramJson } from '../model/param.ts';
import type { Experiment } from '../sweep/experiment.ts';
import type { ExperimentSource, FieldPath } from '../sweep/experiment-source.ts';
import { parseValue } from '../sweep/grid-axis.ts';
import { pointCoordinates, pointCount, type SweepPlan } from '../sweep/sweep-plan.ts';

/**
 * A set of grid points named by swept values (`{ jitter: 15m }`): the value index on each
 * axis it fixes; axes it does not name are free.
 */
export class PointSelector {
  private constructor(
    private readonly plan: SweepPlan,
    /** axis index -> value index */
    readonly fixed: ReadonlyMap<number, number>,
  ) {}

  /**
   * Reads a selector from a check file. Each key must be a swept parameter and each value
   * one of its grid values (written any way the parameter accepts: 15m, 900, unlimited).
   */
  static parse(src: ExperimentSource, path: FieldPath, exp: Experiment, raw: Readonly<Record<string, unknown>>): PointSelector {
    const { plan, model } = exp;
    const swept = plan.axes.map((a) => a.name);
    const specs = new Map(Object.entries(model.params).map(([key, spec]) => [flagName(key), spec]));
    const fixed = new Map<number, number>();
    for (const [name, value] of Object.entries(raw)) {
      const at = [...path, name];
      const axis = swept.indexOf(name);
      if (axis < 0) {
        const why = specs.has(name) ? "not swept in this file's grid" : `unknown parameter for model ${model.name}`;
        throw src.error(at, `${why}; points are selected by the grid's parameters: ${swept.join(', ')}`);
      }
      const v = paramJson(parseValue(src, at, name, specs.get(name)!, value));
      const a = plan.axes[axis]!;
      const index = a.values.findIndex((w) => w === v);
      if (index < 0) throw src.error(at, `${name}=${String(value)} is not in the grid; its values are: ${a.labels.join(', ')}`);
      fixed.set(axis, index);
    }
    return new PointSelector(plan, fixed);
  }

  /** Every selector-matching point, in grid order. */
  points(): number[] {
    const out: number[] = [];
    for (let p = 0; p < pointCount(this.plan); p++) {
      const c = pointCoordinates(this.plan, p);
      if ([...this.fixed].every(([axis, v]) => c[axis] === v)) out.push(p);
    }
    return out;
  }

  /** Point `p` with this selector's values put in place of its own. */
  applyTo(p: number): number {
    const c = pointCoordinates(this.plan, p);
    for (const [axis, v] of this.fixed) c[axis] = v;
    // Mixed radix, last axis fastest: the inverse of pointCoordinates.
    return c.reduce((acc, v, axis) => acc * this.plan.axes[axis]!.values.length + v, 0);
  }
}
