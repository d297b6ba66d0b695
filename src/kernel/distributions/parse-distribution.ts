import { InputError } from '../../input-error.ts';
import { parseDuration } from '../duration.ts';
import { Constant } from './constant.ts';
import type { Distribution } from './distribution.ts';
import { Empirical } from './empirical.ts';
import { Exponential } from './exponential.ts';
import { Gamma } from './gamma.ts';
import { Lognormal } from './lognormal.ts';
import { Quantiles } from './quantiles.ts';
import { TruncatedNormal } from './truncated-normal.ts';
import { Uniform } from './uniform.ts';
import { Weibull } from './weibull.ts';

export const DISTRIBUTION_FORMS =
  'const(x), uniform(lo, hi), exp(mean), normal(mean, sd), lognormal(mean, sd), gamma(shape, scale), weibull(shape, scale), ' +
  'empirical(v:w, ...), quantiles(v0, v1, ..., vm)';

const PLAIN_NUMBER = /^(\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/;

const CALL = /^\s*([a-z]+)\s*\(\s*(.*?)\s*\)\s*$/;

/**
 * Reads a distribution spec. Arguments are plain numbers or durations (`100ms` = 0.1); a
 * bare number or duration is a constant. `what` names the flag or field in errors.
 */
export function parseDistribution(spec: string | number, what = 'distribution'): Distribution {
  if (typeof spec === 'number') return new Constant(nonNegative(spec, what));
  const m = CALL.exec(spec);
  if (!m) return new Constant(parseDuration(spec, what));
  const [, kind, body] = m as unknown as [string, string, string];
  const args = body.length ? body.split(',').map((a) => a.trim()) : [];
  const num = (a: string | undefined) => parseDuration(a ?? '', what);
  const arity = (n: number) => {
    if (args.length !== n) throw new InputError(`${what}: ${kind}() takes ${n} argument(s), got ${args.length} in '${spec}'; forms: ${DISTRIBUTION_FORMS}`);
  };
  switch (kind) {
    case 'const':
    case 'constant':
      arity(1);
      return new Constant(num(args[0]));
    case 'uniform': {
      arity(2);
      const lo = num(args[0]);
      const hi = num(args[1]);
      if (hi < lo) throw new InputError(`${what}: uniform(lo, hi) needs lo <= hi in '${spec}'`);
      return new Uniform(lo, hi);
    }
    case 'exp':
    case 'exponential':
      arity(1);
      return new Exponential(num(args[0]));
    case 'normal':
      arity(2);
      return new TruncatedNormal(num(args[0]), num(args[1]));
    case 'lognormal': {
      arity(2);
      const mean = num(args[0]);
      if (mean <= 0) throw new InputError(`${what}: lognormal(mean, sd) needs mean > 0 in '${spec}'`);
      return new Lognormal(mean, num(args[1]));
    }
    case 'gamma':
    case 'weibull': {
      arity(2);
      const shape = args[0]!;
      if (!PLAIN_NUMBER.test(shape) || !(Number(shape) > 0)) {
        throw new InputError(`${what}: ${kind}(shape, scale) needs a shape that is a plain number > 0 (no unit), got '${shape}' in '${spec}'`);
      }
      const scale = num(args[1]);
      if (!(scale > 0)) throw new InputError(`${what}: ${kind}(shape, scale) needs a scale > 0 in '${spec}'`);
      return kind === 'gamma' ? new Gamma(Number(shape), scale) : new Weibull(Number(shape), scale);
    }
    case 'quantiles': {
      if (args.length < 2) throw new InputError(`${what}: quantiles() needs at least two values (the minimum and the maximum) in '${spec}'`);
      const values = args.map(num);
      for (let i = 1; i < values.length; i++) {
        if (values[i]! < values[i - 1]!) throw new InputError(`${what}: quantiles() values must not decrease ('${args[i]}' follows '${args[i - 1]}') in '${spec}'`);
      }
      return new Quantiles(values);
    }
    case 'empirical': {
      if (args.length === 0) throw new InputError(`${what}: empirical() needs at least one value:weight pair in '${spec}'`);
      const values: number[] = [];
      const weights: number[] = [];
      for (const a of args) {
        const [v, w] = a.split(':');
        const weight = w === undefined ? 1 : Number(w);
        if (!(weight > 0)) throw new InputError(`${what}: weight in '${a}' must be a positive number in '${spec}'`);
        values.push(num(v));
        weights.push(weight);
      }
      return new Empirical(values, weights);
    }
    default:
      throw new InputError(`${what}: unknown distribution '${kind}' in '${spec}'; forms: ${DISTRIBUTION_FORMS}`);
  }
}

function nonNegative(x: number, what: string): number {
  if (!(Number.isFinite(x) && x >= 0)) throw new InputError(`${what}: ${x} must be a non-negative number`);
  return x;
}
