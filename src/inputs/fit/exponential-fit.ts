import { formatSeconds, type FittedForm } from './fitted-form.ts';

/** Exponential by maximum likelihood: the mean is the sample mean. */
export function fitExponential(xs: Float64Array): FittedForm {
  const n = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  return {
    form: 'exponential',
    params: { mean },
    spec: `exp(${formatSeconds(mean)})`,
    k: 1,
    logLik: -n * Math.log(mean) - n,
    n,
    cdf: (x) => (x <= 0 ? 0 : 1 - Math.exp(-x / mean)),
    pdf: (x) => (x < 0 ? 0 : Math.exp(-x / mean) / mean),
    quantile: (p) => -mean * Math.log(1 - p),
  };
}
