import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { withFsErrors } from '../files/fs-error.ts';
import { InputError } from '../input-error.ts';
import { parseDuration } from '../kernel/duration.ts';
import { DEFAULT_RUN_LIMITS, RunLimitError, type RunLimits } from '../kernel/run-limits.ts';
import type { Model } from '../model/define-model.ts';
import { loadModel, modelFile } from '../model/load-model.ts';
import { flagName, type ParamJson } from '../model/param.ts';
import { checkRunBounds, ratePerS } from '../model/run-bounds.ts';
import { probeMetricNames } from '../model/probe-metric-names.ts';
import { modelBucketS, resolveParams } from '../model/run-model.ts';
import { type ExperimentChart, type ExperimentFile, parseExperimentFile } from './experiment-schema.ts';
import { ExperimentSource, MAX_FILE_BYTES } from './experiment-source.ts';
import { gridAxis, parseValue } from './grid-axis.ts';
import { jobCount, type SweepAxis, type SweepChart, sweepJob, type SweepPlan } from './sweep-plan.ts';

/** An experiment file, checked against its model and ready to run. */
export interface Experiment {
  /** The file as the user named it. */
  readonly file: string;
  readonly model: Model;
  /** Absolute path of the model's source file (workers load it from there). */
  readonly modelFile: string;
  readonly plan: SweepPlan;
}

/**
 * Reads an experiment file and checks everything that can be checked before running: the
 * shape of the file, the model, every fixed and swept value against the model's parameters,
 * the duration, and the chart fields. The first problem is a one-line InputError naming
 * the file, the line and the field.
 */
export async function loadExperiment(file: string, cwd = process.cwd(), limits: RunLimits = DEFAULT_RUN_LIMITS): Promise<Experiment> {
  const abs = resolve(cwd, file);
  if (!existsSync(abs)) throw new InputError(`experiment file '${file}' does not exist`);
  const st = statSync(abs);
  if (st.isDirectory()) throw new InputError(`experiment file '${file}' is a directory; give a .yaml file`);
  if (!st.isFile()) throw new InputError(`experiment file '${file}' is not a regular file; give a .yaml file`);
  if (st.size > MAX_FILE_BYTES) throw new InputError(`${file}: ${(st.size / 1024 / 1024).toFixed(1)} MB is too large for an experiment or check file (the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
  const src = new ExperimentSource(file, withFsErrors(() => readFileSync(abs, 'utf8')));
  const exp = parseExperimentFile(src);

  const modelDir = dirname(abs);
  let model: Model;
  let path: string;
  try {
    path = modelFile(exp.model, modelDir);
    model = await loadModel(exp.model, modelDir);
  } catch (e) {
    if (e instanceof InputError) throw src.error(['model'], e.message);
    throw e;
  }

  const durationS = runLength(src, exp, model);
  const seeds = seedList(src, exp);
  const specs = new Map(Object.entries(model.params).map(([key, spec]) => [flagName(key), spec]));
  const known = `its parameters are: ${[...specs.keys()].join(', ') || 'none'}`;

  const fixed: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(exp.params ?? {})) {
    const spec = specs.get(name);
    if (!spec) throw src.error(['params', name], `unknown parameter for model ${model.name}; ${known}`);
    fixed[name] = parseValue(src, ['params', name], name, spec, raw);
  }

  const gridNames = Object.keys(exp.grid);
  if (gridNames.length === 0) throw src.error(['grid'], 'the grid is empty; list at least one parameter with its values, e.g. servers: [8, 10, 12]');
  for (const name of gridNames) {
    if (!specs.has(name)) throw src.error(['grid', name], `unknown parameter for model ${model.name}; ${known}`);
    if (name in fixed) throw src.error(['grid', name], `also set under params; give it in one place`);
  }
  // The size of the grid from its axes' lengths alone, before any value is expanded or checked.
  let runs = seeds.length;
  for (const name of gridNames) runs *= axisLength(src, name, exp.grid[name]);
  if (runs > MAX_RUNS) throw src.error(['grid'], `the sweep has ${runs > 1e15 ? runs.toExponential(1) : runs} runs (grid points × seeds), more than ${MAX_RUNS}; split it into smaller experiments or use fewer values`);
  const axes: SweepAxis[] = gridNames.map((name) => gridAxis(src, name, specs.get(name)!, exp.grid[name]));

  const base = resolveParams(model, fixed, durationS);
  const params: Record<string, ParamJson> = {};
  const paramText: Record<string, string> = {};
  for (const [name, v] of Object.entries(base.json)) {
    if (name === 'duration' || gridNames.includes(name)) continue;
    params[name] = v;
    paramText[name] = base.text[name]!;
  }

  const partial: SweepPlan = {
    experiment: basename(file, extname(file)),
    description: exp.description ?? '',
    model: model.name,
    durationS,
    seeds,
    params,
    paramText,
    axes,
    charts: [],
    checks: exp.checks ?? [],
  };
  if (jobCount(partial) > MAX_RUNS) throw src.error(['grid'], `the sweep has ${jobCount(partial)} runs (grid points × seeds), more than ${MAX_RUNS}; split it into smaller experiments or use fewer values`);
  // Values were checked one by one; the bounds of a run depend on the combination, and the
  // heaviest point has every rate at its largest value.
  const worst = resolveParams(model, worstPoint(model, partial), durationS);
  try {
    checkRunBounds(model, worst.values, durationS, modelBucketS(model), limits, 'duration');
  } catch (e) {
    if (e instanceof RunLimitError) throw src.error(exp.duration === undefined ? ['grid'] : ['duration'], e.message);
    throw e;
  }

  const charts = chartList(src, exp.charts ?? [], axes, metricNames(model, partial));
  return { file, model, modelFile: path, plan: { ...partial, charts } };
}

/** More runs than this is a typo in a range, or a job for several experiments. */
const MAX_RUNS = 1_000_000;

/** The number of values a grid entry gives, without expanding it (gridAxis checks it in full). */
function axisLength(src: ExperimentSource, name: string, raw: unknown): number {
  if (Array.isArray(raw)) return raw.length;
  if (typeof raw === 'object' && raw !== null) {
    const r = raw as { from?: unknown; to?: unknown; step?: unknown; steps?: unknown };
    if (typeof r.steps === 'number') return Math.max(1, r.steps);
    return 1; // a range by step: gridAxis bounds its length
  }
  throw src.error(['grid', name], 'expected a list of values ([a, b, c]) or a range ({from, to, step} or {from, to, steps})');
}

/** Every fixed parameter, and each swept one at its largest value where it is a Poisson rate. */
function worstPoint(model: Model, plan: SweepPlan): Record<string, ParamJson> {
  const out: Record<string, ParamJson> = { ...plan.params };
  for (const axis of plan.axes) {
    const kind = Object.entries(model.params).find(([k]) => flagName(k) === axis.name)?.[1].kind ?? '';
    const rate = (v: ParamJson) => ratePerS(kind, v) ?? -1;
    out[axis.name] = axis.values.reduce((a, b) => (rate(b) > rate(a) ? b : a));
  }
  return out;
}

function runLength(src: ExperimentSource, exp: ExperimentFile, model: Model): number {
  if (exp.duration === undefined) return parseDuration(model.duration, `${model.name}: duration`);
  let d: number;
  if (typeof exp.duration !== 'string' && typeof exp.duration !== 'number') throw src.error(['duration'], 'expected a duration such as 30m or 6h');
  try {
    d = parseDuration(exp.duration, 'duration');
  } catch (e) {
    if (e instanceof InputError) throw src.error(['duration'], e.message.replace(/^duration: /, ''));
    throw e;
  }
  if (!(d > 0)) throw src.error(['duration'], 'must be longer than 0; use e.g. 30m, 6h');
  return d;
}

function seedList(src: ExperimentSource, exp: ExperimentFile): number[] {
  if (exp.seeds !== undefined && exp.replications !== undefined) {
    throw src.error(['seeds'], 'give either seeds or replications, not both');
  }
  if (exp.seeds !== undefined) {
    exp.seeds.forEach((s, i) => {
      if (exp.seeds!.indexOf(s) !== i) throw src.error(['seeds', i], `seed ${s} is listed twice`);
    });
    return exp.seeds;
  }
  return Array.from({ length: exp.replications ?? 1 }, (_, i) => i + 1);
}

/** The model's metric names, from a short run of the first point (null if that run fails). */
function metricNames(model: Model, plan: SweepPlan): string[] | null {
  const job = sweepJob(plan, 0);
  return probeMetricNames(model, job.params, job.seed, plan.durationS);
}

function chartList(src: ExperimentSource, charts: readonly ExperimentChart[], axes: readonly SweepAxis[], metrics: string[] | null): SweepChart[] {
  const names = axes.map((a) => a.name);
  const seen = new Set<string>();
  return charts.map((c, i) => {
    const at = (field: string) => ['charts', i, field];
    if (metrics && !metrics.includes(c.metric)) throw src.error(at('metric'), `the model has no metric '${c.metric}'; its metrics are: ${metrics.join(', ')}`);
    const x = c.x ?? names[0]!;
    if (!names.includes(x)) throw src.error(at('x'), `'${x}' is not a swept parameter; the grid sweeps: ${names.join(', ')}`);
    if (c.color !== undefined && !names.includes(c.color)) throw src.error(at('color'), `'${c.color}' is not a swept parameter; the grid sweeps: ${names.join(', ')}`);
    if (c.color === x) throw src.error(at('color'), 'must differ from x');
    const name = c.name ?? `${c.metric}-vs-${x}${c.color ? `-by-${c.color}` : ''}`;
    if (seen.has(name)) throw src.error(c.name ? at('name') : ['charts', i], `a second chart named '${name}'; give one of them a name`);
    seen.add(name);
    const title = c.title ?? `${c.metric} vs ${x}${c.color ? ` by ${c.color}` : ''}`;
    return { name, title, metric: c.metric, x, ...(c.color !== undefined ? { color: c.color } : {}), log: c.log ?? false };
  });
}
