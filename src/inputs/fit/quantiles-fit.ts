import { Quantiles } from '../../kernel/distributions/quantiles.ts';
import { formatSeconds, type FittedForm } from './fitted-form.ts';

/**
 * The bounded empirical form: the sample's quantiles at 0, 1/m, ..., 1 (linear interpolation
 * between order statistics, R's type 7), so the minimum and maximum are its bounds. Its
 * likelihood is that of the histogram it implies (probability 1/m spread evenly over each
 * interval); with m + 1 values it counts m + 1 parameters in AIC. An interval of zero width
 * (more than n/m equal values) makes the density infinite: its log-likelihood is then
 * undefined (NaN) and it cannot be ranked by AIC.
 */
export function fitQuantiles(sorted: Float64Array, intervals = 20): FittedForm {
  const n = sorted.length;
  const m = Math.max(1, Math.min(intervals, n - 1));
  const values: number[] = [];
  for (let i = 0; i <= m; i++) values.push(sampleQuantile(sorted, i / m));
  const q = new Quantiles(values);
  let logLik = 0;
  for (let i = 0, j = 0; i < n; i++) {
    const x = sorted[i]!;
    while (j < m - 1 && x > values[j + 1]!) j++;
    const w = values[j + 1]! - values[j]!;
    logLik += w > 0 ? Math.log(1 / (m * w)) : NaN;
  }
  return {
    form: 'quantiles',
    params: Object.fromEntries(values.map((v, i) => [`q${i}`, v])),
    spec: `quantiles(${values.map((v) => formatSeconds(v)).join(', ')})`,
    k: m + 1,
    logLik,
    n,
    cdf: (x) => q.cdf(x),
    pdf: (x) => {
      if (x < values[0]! || x > values[m]!) return 0;
      let j = 0;
      while (j < m - 1 && x > values[j + 1]!) j++;
      const w = values[j + 1]! - values[j]!;
      return w > 0 ? 1 / (m * w) : 0;
    },
    quantile: (p) => q.quantile(p),
  };
}

/** Quantile p of sorted values, linear between order statistics (R type 7, numpy's default). */
export function sampleQuantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const i = Math.floor(h);
  const lo = sorted[i]!;
  return i + 1 < sorted.length ? lo + (h - i) * (sorted[i + 1]! - lo) : lo;
}
