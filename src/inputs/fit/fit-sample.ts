import { InputError } from '../../input-error.ts';
import { fitExponential } from './exponential-fit.ts';
import type { FittedForm } from './fitted-form.ts';
import { fitGamma } from './gamma-fit.ts';
import { andersonDarling, kolmogorovSmirnov } from './goodness-of-fit.ts';
import { fitLognormal } from './lognormal-fit.ts';
import { fitQuantiles } from './quantiles-fit.ts';
import { fitWeibull } from './weibull-fit.ts';

export type RankBy = 'aic' | 'ad' | 'ks';
export const RANK_BY: readonly RankBy[] = ['aic', 'ad', 'ks'];

/** One form's fit and how well it fits. */
export interface RankedFit {
  readonly fit: FittedForm;
  /** Akaike's information criterion, 2k - 2 ln L; null when the likelihood is undefined. */
  readonly aic: number | null;
  /** AIC minus the smallest AIC of all forms. */
  readonly deltaAic: number | null;
  /** Anderson–Darling A² over the values the form was fitted to. */
  readonly ad: number;
  /** Kolmogorov–Smirnov D. */
  readonly ks: number;
}

export interface FitOptions {
  /** @default 'aic' */
  readonly rankBy?: RankBy;
  /** Intervals of the quantiles form. @default 20 */
  readonly intervals?: number;
}

export interface SampleFit {
  readonly n: number;
  /** Values equal to 0, left out of the forms that need x > 0 (lognormal, gamma, Weibull). */
  readonly zeros: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly sd: number;
  readonly rankBy: RankBy;
  /** Best first. */
  readonly ranked: readonly RankedFit[];
  /** The values, sorted (seconds). */
  readonly sorted: Float64Array;
}

/**
 * Fits exponential, lognormal, gamma, Weibull and the bounded empirical (quantiles) form to
 * values in seconds by maximum likelihood, and ranks them.
 *
 * By AIC (the default), a form with fewer parameters ranks first when its AIC is within 2 of
 * the smallest (Burnham & Anderson, "Model Selection and Multimodel Inference", 2002: such
 * forms have substantial support). So an exponential sample ranks exponential first rather
 * than the gamma or Weibull whose extra shape parameter only bends to noise. By `ad` or `ks`
 * the forms are ordered by that statistic alone.
 */
export function fitSample(values: Float64Array, opts: FitOptions = {}): SampleFit {
  const rankBy = opts.rankBy ?? 'aic';
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n < 2) throw new InputError(`need at least 2 values to fit a distribution, got ${n}`);
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  if (min === max) throw new InputError(`all ${n} values are equal (${min} s): no distribution to fit; use const(${min})`);
  let sum = 0;
  for (const x of sorted) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of sorted) ss += (x - mean) * (x - mean);
  const sd = Math.sqrt(ss / (n - 1));

  let zeros = 0;
  while (zeros < n && sorted[zeros] === 0) zeros++;
  const positive = sorted.subarray(zeros);
  const fits: FittedForm[] = [fitExponential(sorted)];
  if (positive.length >= 2 && positive[0] !== positive[positive.length - 1]) {
    fits.push(fitLognormal(positive), fitGamma(positive), fitWeibull(positive));
  }
  fits.push(fitQuantiles(sorted, opts.intervals ?? 20));

  const scored = fits.map((fit) => {
    const over = fit.n === n ? sorted : positive;
    const aic = Number.isFinite(fit.logLik) ? 2 * fit.k - 2 * fit.logLik : null;
    return { fit, aic, ad: andersonDarling(over, fit.cdf), ks: kolmogorovSmirnov(over, fit.cdf) };
  });
  const best = Math.min(...scored.map((s) => s.aic ?? Infinity));
  const withDelta: RankedFit[] = scored.map((s) => ({ ...s, deltaAic: s.aic === null ? null : s.aic - best }));
  return { n, zeros, min, max, mean, sd, rankBy, ranked: rank(withDelta, rankBy), sorted };
}

function rank(fits: RankedFit[], by: RankBy): RankedFit[] {
  const key = (f: RankedFit) => (by === 'aic' ? (f.aic ?? Infinity) : by === 'ad' ? f.ad : f.ks);
  const order = [...fits].sort((a, b) => key(a) - key(b));
  if (by !== 'aic' || order.length === 0) return order;
  // Parsimony: among forms within 2 AIC of the best, the one with fewest parameters first.
  const top = order.filter((f) => f.deltaAic !== null && f.deltaAic <= 2);
  const simplest = top.reduce((a, b) => (b.fit.k < a.fit.k ? b : a), top[0]!);
  return [simplest, ...order.filter((f) => f !== simplest)];
}
