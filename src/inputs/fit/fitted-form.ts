/** The forms `sim fit` tries, in the order it lists them when they tie. */
export type FormName = 'exponential' | 'lognormal' | 'gamma' | 'weibull' | 'quantiles';

/**
 * One distribution fitted to a sample by maximum likelihood. Values are in seconds, sim's
 * unit; `spec` is the distribution in sim's own syntax, ready to paste into a flag or an
 * experiment file.
 */
export interface FittedForm {
  readonly form: FormName;
  /** The fitted parameters by name, in the form's own terms (seconds for scales and means). */
  readonly params: Readonly<Record<string, number>>;
  readonly spec: string;
  /** Number of parameters fitted (AIC's k). */
  readonly k: number;
  /** Log-likelihood at the fitted parameters, over the values it was fitted to. */
  readonly logLik: number;
  /** How many values it was fitted to (positive forms leave out zeros). */
  readonly n: number;
  cdf(x: number): number;
  pdf(x: number): number;
  quantile(p: number): number;
}

/**
 * A value in seconds as a duration sim parses, in the largest unit that keeps it >= 1
 * (`120.3ms`, `1.5m`), to `digits` significant digits.
 */
export function formatSeconds(seconds: number, digits = 4): string {
  if (seconds === 0) return '0';
  const units: [string, number][] = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1], ['ms', 1e-3], ['us', 1e-6]];
  for (const [unit, size] of units) {
    if (seconds >= size || unit === 'us') return `${plain(seconds / size, digits)}${unit}`;
  }
  return String(seconds);
}

/** A dimensionless parameter (a shape) to `digits` significant digits, never in exponent form. */
export function formatPlain(x: number, digits = 4): string {
  return plain(x, digits);
}

function plain(x: number, digits: number): string {
  const r = Number(x.toPrecision(digits));
  const s = String(r);
  return s.includes('e') ? r.toFixed(Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(r))))) : s;
}
