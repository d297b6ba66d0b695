import { createRequire } from 'node:module';

/**
 * Special functions from stdlib (`@stdlib/math-base-special-*`): ports of Boost.Math and
 * Cephes, each tested against reference values. They are loaded on first use, synchronously,
 * because stdlib's many small modules take a few hundred milliseconds to load: sampling never
 * needs them, and only `sim fit` and a few `mean` getters do.
 */
const load = createRequire(import.meta.url);

type Unary = (x: number) => number;
type Binary = (x: number, a: number) => number;

let cache: {
  gamma: Unary;
  gammaln: Unary;
  digamma: Unary;
  trigamma: Unary;
  gammainc: Binary;
  gammaincinv: Binary;
  erfc: Unary;
  erfcinv: Unary;
} | null = null;

function lib(): NonNullable<typeof cache> {
  cache ??= {
    gamma: load('@stdlib/math-base-special-gamma') as Unary,
    gammaln: load('@stdlib/math-base-special-gammaln') as Unary,
    digamma: load('@stdlib/math-base-special-digamma') as Unary,
    trigamma: load('@stdlib/math-base-special-trigamma') as Unary,
    gammainc: load('@stdlib/math-base-special-gammainc') as Binary,
    gammaincinv: load('@stdlib/math-base-special-gammaincinv') as Binary,
    erfc: load('@stdlib/math-base-special-erfc') as Unary,
    erfcinv: load('@stdlib/math-base-special-erfcinv') as Unary,
  };
  return cache;
}

/** The gamma function. */
export const gammaFn = (x: number): number => lib().gamma(x);
/** ln Γ(x). */
export const lnGamma = (x: number): number => lib().gammaln(x);
/** ψ(x) = d/dx ln Γ(x). */
export const digamma = (x: number): number => lib().digamma(x);
/** ψ'(x). */
export const trigamma = (x: number): number => lib().trigamma(x);
/** The regularized lower incomplete gamma function P(a, x). */
export const gammaP = (a: number, x: number): number => (x <= 0 ? 0 : lib().gammainc(x, a));
/** x such that P(a, x) = p. */
export const gammaPInv = (a: number, p: number): number => lib().gammaincinv(p, a);
/** Standard normal CDF, Φ(z) = erfc(-z/√2)/2, accurate in both tails. */
export const normalCdf = (z: number): number => 0.5 * lib().erfc(-z / Math.SQRT2);
/** Standard normal quantile, Φ⁻¹(p) = -√2 erfcinv(2p). */
export const normalQuantile = (p: number): number => -Math.SQRT2 * lib().erfcinv(2 * p);
