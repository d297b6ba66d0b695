import { formatNumber } from './format-number.ts';

/**
 * How far a metric may move from its recorded baseline: a change passes when it is within
 * the relative bound (a fraction of the baseline value) or within the absolute bound (in
 * the metric's unit), whichever is wider.
 */
export interface Tolerance {
  /** Fraction of the baseline value, e.g. 0.05 for 5%. */
  readonly relative: number;
  /** In the metric's own unit. */
  readonly absolute: number;
}

/** 5%, nothing absolute: any count that moves off zero is flagged. */
export const DEFAULT_TOLERANCE: Tolerance = { relative: 0.05, absolute: 0 };

export function withinTolerance(t: Tolerance, baseline: number, current: number): boolean {
  return Math.abs(current - baseline) <= Math.max(t.absolute, t.relative * Math.abs(baseline));
}

/** `5%`, `± 3`, `5% or ± 3`. */
export function formatTolerance(t: Tolerance): string {
  const rel = t.relative > 0 ? `${formatNumber(t.relative * 100)}%` : '';
  const abs = t.absolute > 0 ? `± ${formatNumber(t.absolute)}` : '';
  return rel && abs ? `${rel} or ${abs}` : rel || abs || 'exact';
}
