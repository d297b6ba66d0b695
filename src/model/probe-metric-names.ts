import type { Model } from './define-model.ts';
import { runModel } from './run-model.ts';

/**
 * The model's summary metric names, read from a one-second run with these parameters, so
 * that a misspelt metric (in a chart, a check, an SLO) fails before the real runs. Null when
 * that short run itself fails: the real runs report the problem.
 */
export function probeMetricNames(model: Model, params: Readonly<Record<string, unknown>>, seed: number, durationS: number): string[] | null {
  try {
    return Object.keys(runModel(model, { seed, durationS: Math.min(durationS, 1), params }).metrics);
  } catch {
    return null;
  }
}
