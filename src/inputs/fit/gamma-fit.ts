import { digamma, gammaP, gammaPInv, lnGamma, trigamma } from '../../kernel/distributions/special-functions.ts';
import { formatPlain, formatSeconds, type FittedForm } from './fitted-form.ts';

/**
 * Gamma by maximum likelihood. With s = ln(mean) - mean(ln x) > 0, the shape k solves
 * ln k - ψ(k) = s; the scale is mean / k. Newton's method on that equation (derivative
 * 1/k - ψ'(k)) from T. Minka's closed-form start, "Estimating a Gamma distribution" (2002),
 * k0 = (3 - s + sqrt((s - 3)² + 24 s)) / (12 s), which is already within 1.5% of the root.
 */
export function fitGamma(xs: Float64Array): FittedForm {
  const n = xs.length;
  let sum = 0;
  let sumLn = 0;
  for (const x of xs) {
    sum += x;
    sumLn += Math.log(x);
  }
  const mean = sum / n;
  const s = Math.log(mean) - sumLn / n;
  let k = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  for (let i = 0; i < 50; i++) {
    const f = Math.log(k) - digamma(k) - s;
    const next = k - f / (1 / k - trigamma(k));
    const step = next > 0 ? next : k / 2;
    if (Math.abs(step - k) <= 1e-12 * k) {
      k = step;
      break;
    }
    k = step;
  }
  const scale = mean / k;
  const lnG = lnGamma(k);
  return {
    form: 'gamma',
    params: { shape: k, scale },
    spec: `gamma(${formatPlain(k)}, ${formatSeconds(scale)})`,
    k: 2,
    logLik: (k - 1) * sumLn - sum / scale - n * k * Math.log(scale) - n * lnG,
    n,
    cdf: (x) => gammaP(k, x / scale),
    pdf: (x) => (x <= 0 ? 0 : Math.exp((k - 1) * Math.log(x) - x / scale - k * Math.log(scale) - lnG)),
    quantile: (p) => scale * gammaPInv(k, p),
  };
}
