/**
 * Goodness-of-fit statistics of sorted values against a CDF. With parameters estimated from
 * the same data their textbook null distributions do not hold, so they are used to compare
 * forms, not as tests.
 */

const TINY = 1e-300;

/**
 * Anderson–Darling A² = -n - (1/n) Σ (2i - 1)[ln F(x_i) + ln(1 - F(x_{n+1-i}))]
 * (Anderson & Darling, 1954): a squared CDF distance weighted towards both tails, where
 * latency distributions differ most.
 */
export function andersonDarling(sorted: Float64Array, cdf: (x: number) => number): number {
  const n = sorted.length;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = cdf(sorted[i]!);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const lo = Math.max(f[i]!, TINY);
    const hi = Math.max(1 - f[n - 1 - i]!, TINY);
    s += (2 * i + 1) * (Math.log(lo) + Math.log(hi));
  }
  return -n - s / n;
}

/** Kolmogorov–Smirnov D = sup |F_n(x) - F(x)|: the largest gap between the sample's CDF and F. */
export function kolmogorovSmirnov(sorted: Float64Array, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}
