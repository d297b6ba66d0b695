import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { InputError } from '../input-error.ts';
import { parseDuration } from '../kernel/duration.ts';
import type { Model } from '../model/define-model.ts';
import { loadModel, modelFile } from '../model/load-model.ts';
import { flagName, type ParamJson } from '../model/param.ts';
import { resolveParams, runModel } from '../model/run-model.ts';
import { metricLabel } from '../report/metric-label.ts';
import { type ExperimentChart, type ExperimentFile, parseExperimentFile } from './experiment-schema.ts';
import { ExperimentSource } from './experiment-source.ts';
import { gridAxis, parseValue } from './grid-axis.ts';
import { jobCount, pointCount, type SweepAxis, type SweepChart, sweepJob, type SweepPlan } from './sweep-plan.ts';

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
export async function loadExperiment(file: string, cwd = process.cwd()): Promise<Experiment> {
  const abs = resolve(cwd, file);
  if (!existsSync(abs)) throw new InputError(`experiment file '${file}' does not exist`);
  if (!statSync(abs).isFile()) throw new InputError(`experiment file '${file}' is a directory; give a .yaml file`);
  const src = new ExperimentSource(file, readFileSync(abs, 'utf8'));
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
  const axes: SweepAxis[] = gridNames.map((name) => {
    const spec = specs.get(name);
    if (!spec) throw src.error(['grid', name], `unknown parameter for model ${model.name}; ${known}`);
    if (name in fixed) throw src.error(['grid', name], `also set under params; give it in one place`);
    return gridAxis(src, name, spec, exp.grid[name]);
  });

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
  // Every point resolves (values were checked one by one; this guards the combination).
  for (let p = 0; p < pointCount(partial); p++) resolveParams(model, sweepJob(partial, p * seeds.length).params, durationS);
  if (jobCount(partial) > 1_000_000) throw src.error(['grid'], `the sweep has ${jobCount(partial)} runs; split it into smaller experiments`);

  const charts = chartList(src, exp.charts ?? [], axes, metricNames(model, partial));
  return { file, model, modelFile: path, plan: { ...partial, charts } };
}

function runLength(src: ExperimentSource, exp: ExperimentFile, model: Model): number {
  if (exp.duration === undefined) return parseDuration(model.duration, `${model.name}: duration`);
  let d: number;
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

/**
 * The model's summary metric names, read from a very short run of the first point, so that
 * a chart naming a metric the model does not have fails now rather than after the sweep.
 * Null when the short run itself fails (the real runs will report that).
 */
function metricNames(model: Model, plan: SweepPlan): string[] | null {
  try {
    const job = sweepJob(plan, 0);
    return Object.keys(runModel(model, { seed: job.seed, durationS: Math.min(plan.durationS, 1), params: job.params }).metrics);
  } catch {
    return null;
  }
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
    const title = c.title ?? `${metricLabel(c.metric).words} vs ${x}${c.color ? `, by ${c.color}` : ''}`;
    return { name, title, metric: c.metric, x, ...(c.color !== undefined ? { color: c.color } : {}), log: c.log ?? false };
  });
}
