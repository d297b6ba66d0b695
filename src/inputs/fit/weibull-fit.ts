import { formatPlain, formatSeconds, type FittedForm } from './fitted-form.ts';

/**
 * Weibull by maximum likelihood. The shape k solves
 * g(k) = Σ x^k ln x / Σ x^k - 1/k - mean(ln x) = 0 (the profile likelihood equation; the
 * scale is then (mean(x^k))^(1/k)). Values are divided by their maximum first, which leaves
 * g unchanged and keeps x^k from overflowing. Newton's method, started from the shape whose
 * Gumbel standard deviation π/(k√6) matches that of ln x, with halving if a step overshoots.
 */
export function fitWeibull(xs: Float64Array): FittedForm {
  const n = xs.length;
  let max = 0;
  for (const x of xs) if (x > max) max = x;
  const lnY = new Float64Array(n);
  let meanLn = 0;
  for (let i = 0; i < n; i++) {
    lnY[i] = Math.log(xs[i]! / max);
    meanLn += lnY[i]!;
  }
  meanLn /= n;
  let varLn = 0;
  for (const l of lnY) varLn += (l - meanLn) * (l - meanLn);
  varLn /= n;
  const g = (k: number): [number, number] => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (const l of lnY) {
      const w = Math.exp(k * l);
      s0 += w;
      s1 += w * l;
      s2 += w * l * l;
    }
    const a = s1 / s0;
    return [a - 1 / k - meanLn, s2 / s0 - a * a + 1 / (k * k)];
  };
  let k = varLn > 0 ? Math.PI / Math.sqrt(6 * varLn) : 1;
  for (let i = 0; i < 100; i++) {
    const [f, df] = g(k);
    let next = k - f / df;
    while (!(next > 0)) next = (next + k) / 2 > 0 ? (next + k) / 2 : k / 2;
    if (Math.abs(next - k) <= 1e-12 * k) {
      k = next;
      break;
    }
    k = next;
  }
  let sumYk = 0;
  for (const l of lnY) sumYk += Math.exp(k * l);
  const scale = max * Math.pow(sumYk / n, 1 / k);
  const lnScale = Math.log(scale);
  let sumLnX = 0;
  let sumZ = 0;
  for (const x of xs) {
    sumLnX += Math.log(x);
    sumZ += Math.pow(x / scale, k);
  }
  return {
    form: 'weibull',
    params: { shape: k, scale },
    spec: `weibull(${formatPlain(k)}, ${formatSeconds(scale)})`,
    k: 2,
    logLik: n * Math.log(k) - n * k * lnScale + (k - 1) * sumLnX - sumZ,
    n,
    cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-Math.pow(x / scale, k))),
    pdf: (x) => (x <= 0 ? 0 : (k / scale) * Math.pow(x / scale, k - 1) * Math.exp(-Math.pow(x / scale, k))),
    quantile: (p) => scale * Math.pow(-Math.log1p(-p), 1 / k),
  };
}
