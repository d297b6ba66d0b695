import type { Model } from './define-model.ts';
import { runModel } from './run-model.ts';

/**
 * The model's summary metric names, read from a one-second run with these parameters, so
 * that a misspelt metric (in a chart, a check, an SLO) fails before the real runs. The
 * model's `check` rules are not applied to the short run (a trigger at 30 s cannot fit in
 * it); commands apply them at the real length. Null when that short run itself fails: the
 * real runs report the problem.
 */
export function probeMetricNames(model: Model, params: Readonly<Record<string, unknown>>, seed: number, durationS: number): string[] | null {
  try {
    return Object.keys(runModel(model, { seed, durationS: Math.min(durationS, 1), params, skipModelCheck: true }).metrics);
  } catch {
    return null;
  }
}
