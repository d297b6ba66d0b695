import { normalCdf, normalQuantile } from '../../kernel/distributions/special-functions.ts';
import { formatSeconds, type FittedForm } from './fitted-form.ts';

/**
 * Lognormal by maximum likelihood: mu and sigma are the mean and the (1/n) standard deviation
 * of ln x. The spec gives sim's parameters, the mean and standard deviation of the value
 * itself: mean = exp(mu + sigma²/2), sd = mean·sqrt(exp(sigma²) - 1).
 */
export function fitLognormal(xs: Float64Array): FittedForm {
  const n = xs.length;
  let sumLn = 0;
  for (const x of xs) sumLn += Math.log(x);
  const mu = sumLn / n;
  let ss = 0;
  for (const x of xs) {
    const d = Math.log(x) - mu;
    ss += d * d;
  }
  const sigma = Math.sqrt(ss / n);
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  const sd = mean * Math.sqrt(Math.expm1(sigma * sigma));
  return {
    form: 'lognormal',
    params: { mean, sd, mu, sigma },
    spec: `lognormal(${formatSeconds(mean)}, ${formatSeconds(sd)})`,
    k: 2,
    logLik: -sumLn - n * Math.log(sigma * Math.sqrt(2 * Math.PI)) - n / 2,
    n,
    cdf: (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma)),
    pdf: (x) => {
      if (x <= 0) return 0;
      const z = (Math.log(x) - mu) / sigma;
      return Math.exp(-0.5 * z * z) / (x * sigma * Math.sqrt(2 * Math.PI));
    },
    quantile: (p) => Math.exp(mu + sigma * normalQuantile(p)),
  };
}
