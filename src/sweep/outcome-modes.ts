import { roundMetric } from '../model/run-model.ts';

/** One of two outcomes a point's replications fell into. */
export interface OutcomeMode {
  /** Replications in this mode. */
  readonly n: number;
  /** Their share of the replications that gave a value, 0..1. */
  readonly share: number;
  readonly median: number;
}

/** The replications of one point split in two: the low outcome and the high one. */
export interface OutcomeModes {
  readonly low: OutcomeMode;
  readonly high: OutcomeMode;
}

/**
 * Whether a point's replications split into two outcomes (a system that recovered in some
 * seeds and collapsed in others), and if so the two: the values are cut at their largest gap,
 * which counts as a split when it spans at least 2/3 of the values' range (each side tight
 * around its own centre), at least half the largest magnitude (a real difference, not noise
 * around one level), and at least a quarter of `scaleRange`, the metric's range over the
 * whole sweep (a difference that shows on the scale the sweep is read at: 0 against 4
 * failures is not a split where other points fail thousands). A mean ± CI of such values
 * describes neither outcome; the share in each mode and its median do.
 */
export function outcomeModes(values: readonly (number | null)[], scaleRange = Infinity): OutcomeModes | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length < 2) return null;
  const range = xs[xs.length - 1]! - xs[0]!;
  let gap = 0;
  let cut = 0;
  for (let i = 1; i < xs.length; i++) {
    if (xs[i]! - xs[i - 1]! > gap) {
      gap = xs[i]! - xs[i - 1]!;
      cut = i;
    }
  }
  const magnitude = Math.max(Math.abs(xs[0]!), Math.abs(xs[xs.length - 1]!));
  const scale = Number.isFinite(scaleRange) ? scaleRange : range;
  if (!(gap > 0 && gap >= (2 / 3) * range && gap >= 0.5 * magnitude && gap >= 0.25 * scale)) return null;
  const mode = (part: number[]): OutcomeMode => ({ n: part.length, share: part.length / xs.length, median: roundMetric(median(part)) ?? NaN });
  return { low: mode(xs.slice(0, cut)), high: mode(xs.slice(cut)) };
}

function median(sorted: readonly number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/** `2 modes: 60% ≈ 0, 40% ≈ 58.2` for tables. */
export function modesText(m: OutcomeModes, format: (v: number) => string): string {
  const share = (x: OutcomeMode) => `${Math.round(x.share * 100)}%`;
  return `split: ${share(m.low)} at ${format(m.low.median)}, ${share(m.high)} at ${format(m.high.median)}`;
}
