import { didYouMean } from '../close-names.ts';
import { InputError } from '../input-error.ts';
import { parseDuration } from '../kernel/duration.ts';
import { DEFAULT_RUN_LIMITS, type RunLimits } from '../kernel/run-limits.ts';
import type { Series } from '../metrics/series.ts';
import type { ChartDefinition } from '../report/chart-definition.ts';
import type { Model } from './define-model.ts';
import { ModelContext } from './model-context.ts';
import { modelFailure } from './model-failure.ts';
import { type AnyParamSpec, flagName, formatParam, type ParamJson, paramJson, parseParam } from './param.ts';
import { checkRunBounds } from './run-bounds.ts';

export interface RunOptions {
  /** @default 1 */
  readonly seed?: number;
  /** Run length in seconds; the model's own default when absent. */
  readonly durationS?: number;
  /** Parameter values by flag name (`batch-size`), as text or YAML scalars. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Called with the fraction of simulated time done, about a hundred times a run. */
  readonly onProgress?: (fraction: number) => void;
  /** What the run may do before it is stopped with a RunLimitError. @default DEFAULT_RUN_LIMITS */
  readonly limits?: RunLimits;
  /**
   * Skip the model's `check` rules: for a short probe of its metric names, whose run length
   * is not the real one. @default false
   */
  readonly skipModelCheck?: boolean;
}

export interface RunResult {
  readonly model: string;
  readonly seed: number;
  /** Every parameter (defaults included) plus `duration`, by flag name, in declaration order. */
  readonly params: Readonly<Record<string, ParamJson>>;
  /** The same values as a person writes them (`15m`, `unlimited`). */
  readonly paramText: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly description: string;
  /** Simulated time at which the run ended, seconds. */
  readonly endS: number;
  readonly bucketS: number;
  readonly metrics: Readonly<Record<string, number | null>>;
  /**
   * Every metric's per-bucket series. Built when first read (and kept): a sweep or a check
   * that reads only `metrics` does not pay for turning a long run's buckets into arrays.
   */
  readonly series: readonly Series[];
  readonly charts: readonly ChartDefinition[];
  readonly eventsFired: number;
}

export interface ResolvedParams {
  /** By declaration key (camelCase), as the model's build receives them. */
  readonly values: Record<string, number | boolean | string>;
  readonly durationS: number;
  readonly json: Record<string, ParamJson>;
  readonly text: Record<string, string>;
}

const DURATION_SPEC: AnyParamSpec = { kind: 'duration', default: 0, unit: 's', description: 'run length' };

/**
 * Validates user values against a model's parameters; unknown names are an InputError,
 * with the closest names among the parameters and `otherFlags` (the command's own flags).
 */
export function resolveParams(model: Model, raw: Readonly<Record<string, unknown>> = {}, durationS?: number, otherFlags: readonly string[] = []): ResolvedParams {
  const byFlag = new Map(Object.keys(model.params).map((k) => [flagName(k), k]));
  for (const name of Object.keys(raw)) {
    if (!byFlag.has(name)) {
      const allowed = [...byFlag.keys()].map((f) => `--${f}`).join(', ') || 'none';
      throw new InputError(`unknown parameter --${name} for model ${model.name}${didYouMean(name, [...byFlag.keys(), ...otherFlags], '--')}; its parameters are: ${allowed}`);
    }
  }
  const values: Record<string, number | boolean | string> = {};
  const json: Record<string, ParamJson> = {};
  const text: Record<string, string> = {};
  for (const [flag, key] of byFlag) {
    const spec = model.params[key]!;
    const v = flag in raw ? parseParam(spec, raw[flag], flag) : spec.default;
    values[key] = v;
    json[flag] = paramJson(v);
    text[flag] = formatParam(spec, v);
  }
  const d = durationS ?? parseDuration(model.duration, `${model.name}: duration`);
  if (!(d > 0)) throw new InputError(`--duration must be longer than 0; use e.g. 1h, 30m`);
  if (!Number.isFinite(d)) throw new InputError(`--duration must be finite; use e.g. 1h, 30d`);
  json.duration = d;
  text.duration = formatParam(DURATION_SPEC, d);
  return { values, durationS: d, json, text };
}

/**
 * Checks what runModel would refuse, without building anything: the parameters (unknown
 * names get the closest among the model's parameters and `otherFlags`), the run length and
 * the run's bounds. Commands call it before they touch any output.
 */
export function checkRun(model: Model, opts: Pick<RunOptions, 'params' | 'durationS' | 'limits'>, otherFlags: readonly string[] = []): ResolvedParams {
  const p = resolveParams(model, opts.params, opts.durationS, otherFlags);
  checkModelRules(model, p);
  checkRunBounds(model, p.values, p.durationS, modelBucketS(model), opts.limits ?? DEFAULT_RUN_LIMITS);
  return p;
}

/** The model's own rules between its parameters (`check`), if it has any. */
export function checkModelRules(model: Model, p: Pick<ResolvedParams, 'values' | 'durationS'>): void {
  if (!model.check) return;
  try {
    model.check(p.values as never, p.durationS);
  } catch (e) {
    throw modelFailure(e, model.name) ?? e;
  }
}

/** The width of the model's metric time buckets, seconds. */
export function modelBucketS(model: Model): number {
  const bucketS = parseDuration(model.bucket ?? '1m', `model ${model.name}: bucket`);
  if (!(bucketS > 0)) throw new InputError(`model ${model.name}: bucket must be longer than 0 (e.g. '1m'), got '${model.bucket}'`);
  return bucketS;
}

/** Builds and runs one model, and reads its results. Deterministic for (model, params, seed). */
export function runModel(model: Model, opts: RunOptions = {}): RunResult {
  const seed = opts.seed ?? 1;
  if (!(Number.isInteger(seed) && seed >= 0)) throw new InputError(`--seed must be a whole number >= 0, got ${seed}`);
  const p = resolveParams(model, opts.params, opts.durationS);
  if (!opts.skipModelCheck) checkModelRules(model, p);
  const bucketS = modelBucketS(model);
  const limits = opts.limits ?? DEFAULT_RUN_LIMITS;
  checkRunBounds(model, p.values, p.durationS, bucketS, limits);
  const ctx = new ModelContext(seed, p.durationS, bucketS);
  ctx.sim.limits = limits;
  let endS: number;
  const metrics: Record<string, number | null> = {};
  let charts: readonly ChartDefinition[];
  // Whatever the model's own code throws is the model's failure, not sim's (see modelFailure).
  try {
    const outputs = model.build(ctx, p.values as never);
    ctx.sim.checkPending();
    // Run in slices so a caller can show progress; slicing does not change the event order.
    const slices = 100;
    for (let i = 1; i <= slices && ctx.endedAtS < 0; i++) {
      ctx.sim.run((p.durationS * i) / slices);
      opts.onProgress?.(ctx.endedAtS < 0 ? i / slices : 1);
    }
    endS = ctx.endedAtS >= 0 ? ctx.endedAtS : p.durationS;
    ctx.metrics.finish(endS);
    const summary = outputs.summary();
    if (typeof summary !== 'object' || summary === null) throw new InputError(`model ${model.name}: summary() must return an object of metric names to numbers, got ${summary === null ? 'null' : typeof summary}`);
    for (const [name, v] of Object.entries(summary)) {
      if (typeof v !== 'number') throw new InputError(`model ${model.name}: summary() metric '${name}' must be a number, got ${v === null ? 'null' : typeof v}`);
      metrics[name] = roundMetric(v);
    }
    charts = outputs.charts ?? [];
  } catch (e) {
    throw modelFailure(e, model.name) ?? e;
  }
  const metricsOfRun = ctx.metrics;
  let series: readonly Series[] | null = null;
  return {
    model: model.name,
    seed,
    params: p.json,
    paramText: p.text,
    summary: model.summary,
    description: model.description ?? '',
    endS,
    bucketS,
    metrics,
    get series(): readonly Series[] {
      return (series ??= metricsOfRun.series());
    },
    charts,
    eventsFired: ctx.sim.eventsFired,
  };
}

/** Seven significant digits; integers as they are; NaN and infinities (no value) as null. */
export function roundMetric(v: number): number | null {
  if (!Number.isFinite(v)) return null;
  if (Number.isInteger(v)) return v;
  return Number(v.toPrecision(7));
}
