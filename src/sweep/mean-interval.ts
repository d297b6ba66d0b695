import { roundMetric } from '../model/run-model.ts';
import { studentTQuantile } from './student-t.ts';

/** Mean of one metric over a point's replications, with its spread and 95% interval. */
export interface MeanInterval {
  /** Replications that gave a value (a metric can be undefined in a run, e.g. no jobs). */
  readonly n: number;
  readonly mean: number | null;
  /** Sample standard deviation (n - 1 in the denominator); null below two values. */
  readonly sd: number | null;
  readonly ci95Low: number | null;
  readonly ci95High: number | null;
}

/**
 * The 95% confidence interval of the mean, mean ± t(0.975, n-1) · sd / √n, from Student's t
 * since replications are few. Replications are independent runs, so their means are i.i.d.;
 * the interval says nothing about bias such as warm-up. Values are rounded to seven
 * significant digits like every metric sim writes.
 */
export function meanInterval(values: readonly (number | null)[]): MeanInterval {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n, mean: null, sd: null, ci95Low: null, ci95High: null };
  // Summed in replication order, so the result does not depend on which run finished first.
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { n, mean: roundMetric(mean), sd: null, ci95Low: null, ci95High: null };
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, mean: roundMetric(mean), sd: roundMetric(sd), ci95Low: roundMetric(mean - half), ci95High: roundMetric(mean + half) };
}
