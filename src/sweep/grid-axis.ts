import { InputError } from '../input-error.ts';
import { type AnyParamSpec, formatParam, paramJson, parseParam } from '../model/param.ts';
import type { ExperimentSource, FieldPath } from './experiment-source.ts';
import type { SweepAxis } from './sweep-plan.ts';

/** More values than this on one axis is almost surely a typo in a range. */
const MAX_AXIS_VALUES = 10_000;

/**
 * One grid entry of an experiment file as a sweep axis: a list of values, or a range
 * `{from, to, step}` (from, from+step, ... up to to) or `{from, to, steps}` (steps values
 * evenly spaced, both ends included). Each value is checked against the parameter.
 */
export function gridAxis(src: ExperimentSource, name: string, spec: AnyParamSpec, raw: unknown): SweepAxis {
  const path = ['grid', name];
  const items = Array.isArray(raw) ? raw : isRange(raw) ? expandRange(src, path, name, spec, raw) : null;
  if (items === null) throw src.error(path, 'expected a list of values ([a, b, c]) or a range ({from, to, step} or {from, to, steps})');
  if (items.length === 0) throw src.error(path, 'the list is empty; give at least one value');
  const values: (number | boolean | string)[] = [];
  items.forEach((item, i) => {
    const at = Array.isArray(raw) ? [...path, i] : path;
    const v = parseValue(src, at, name, spec, item);
    if (values.some((w) => Object.is(w, v))) throw src.error(at, `${formatParam(spec, v)} is listed twice`);
    values.push(v);
  });
  return { name, unit: spec.unit, values: values.map(paramJson), labels: values.map((v) => formatParam(spec, v)) };
}

/** Checks one value for a parameter; the error names the field instead of a flag. */
export function parseValue(src: ExperimentSource, path: FieldPath, flag: string, spec: AnyParamSpec, raw: unknown): number | boolean | string {
  try {
    return parseParam(spec, raw, flag);
  } catch (e) {
    if (e instanceof InputError) throw src.error(path, e.message.replace(`--${flag}: `, ''));
    throw e;
  }
}

interface Range {
  from: unknown;
  to: unknown;
  step?: unknown;
  steps?: unknown;
}

function isRange(x: unknown): x is Range {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function expandRange(src: ExperimentSource, path: FieldPath, flag: string, spec: AnyParamSpec, r: Range): number[] {
  const numeric = spec.kind === 'int' || spec.kind === 'number' || spec.kind === 'duration' || spec.kind === 'rate' || spec.kind === 'ratio';
  if (!numeric) throw src.error(path, `a range needs a numeric parameter; --${flag} is a ${spec.kind}, so list its values`);
  for (const key of Object.keys(r)) {
    if (!['from', 'to', 'step', 'steps'].includes(key)) throw src.error([...path, key], 'unknown field; a range has from, to and step (or steps)');
  }
  if (r.from === undefined || r.to === undefined) throw src.error(path, 'a range needs from and to');
  if ((r.step === undefined) === (r.steps === undefined)) throw src.error(path, 'a range needs exactly one of step (the spacing) or steps (how many values)');
  const num = (key: 'from' | 'to' | 'step'): number => {
    const v = parseValue(src, [...path, key], flag, { ...spec, min: undefined, max: undefined, unlimited: false }, r[key]);
    return v as number;
  };
  const from = num('from');
  const to = num('to');
  if (to < from) throw src.error([...path, 'to'], 'must not be below from');
  let n: number;
  let step: number;
  if (r.steps !== undefined) {
    if (typeof r.steps !== 'number' || !Number.isInteger(r.steps) || r.steps < 1) throw src.error([...path, 'steps'], 'must be a whole number >= 1');
    n = r.steps;
    step = n === 1 ? 0 : (to - from) / (n - 1);
  } else {
    step = num('step');
    if (!(step > 0)) throw src.error([...path, 'step'], 'must be greater than 0');
    // The tolerance keeps `to` when (to - from) / step is a whole number up to rounding.
    n = Math.floor((to - from) / step + 1e-9) + 1;
  }
  if (n > MAX_AXIS_VALUES) throw src.error(path, `the range gives ${n} values, more than ${MAX_AXIS_VALUES}; use a larger step`);
  // Each value from its index, not by repeated addition, so errors do not accumulate;
  // twelve significant digits turn 0.30000000000000004 back into 0.3.
  return Array.from({ length: n }, (_, i) => (i === n - 1 && r.steps !== undefined ? to : Number((from + i * step).toPrecision(12))));
}
