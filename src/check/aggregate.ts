import { meanInterval } from '../sweep/mean-interval.ts';
import type { Aggregate } from './expression.ts';

/** One number from a point's replications; null when there is none (ci_* needs two). */
export function aggregate(fn: Aggregate, values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return null;
  switch (fn) {
    case 'min':
      return Math.min(...xs);
    case 'max':
      return Math.max(...xs);
    case 'mean':
      return meanInterval(xs).mean;
    case 'median': {
      // The middle replication, or the mean of the middle two: what one seed out of several typically shows.
      const sorted = [...xs].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    }
    case 'ci_low':
      return meanInterval(xs).ci95Low;
    case 'ci_high':
      return meanInterval(xs).ci95High;
  }
}
