import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import type { RunLimits } from '../kernel/run-limits.ts';
import { probeMetricNames } from '../model/probe-metric-names.ts';
import { type Experiment, loadExperiment } from '../sweep/experiment.ts';
import { ExperimentSource, type FieldPath } from '../sweep/experiment-source.ts';
import { sweepJob } from '../sweep/sweep-plan.ts';
import type { BaselinePolicy, Check, CheckFile, CompareCheck, ExpectCheck, PointPair } from './check-file.ts';
import { baselineEntrySchema, compareEntrySchema, ENTRY_FIELDS, expectEntrySchema } from './check-schema.ts';
import { expressionAggregates, expressionMetrics } from './expression.ts';
import { ExpressionError } from './expression-error.ts';
import { parseExpression } from './parse-expression.ts';
import { parseTolerance } from './parse-tolerance.ts';
import { PointSelector } from './point-selector.ts';
import { unknownMetricMessage } from './unknown-metric-message.ts';
import { DEFAULT_TOLERANCE, type Tolerance } from './tolerance.ts';

/**
 * Reads a check file: an experiment file (model, duration, replications, params, grid, as
 * `sim sweep` reads it) whose `checks:` list says what its grid points must show. Every
 * problem found before running is a one-line InputError naming the file, the line and the
 * field, including an unknown metric (with the closest names the model has).
 */
export async function loadCheckFile(file: string, cwd = process.cwd(), limits?: RunLimits): Promise<CheckFile> {
  const experiment = await loadExperiment(file, cwd, limits);
  const absFile = resolve(cwd, file);
  const src = new ExperimentSource(file, readFileSync(absFile, 'utf8'));
  const entries = experiment.plan.checks;
  if (entries.length === 0) {
    throw src.error([], 'has no checks; add a checks: list with expect, compare or baseline entries (docs/ci.md shows the format)');
  }
  const metrics = metricNames(experiment);
  const checks: Check[] = [];
  let baseline: BaselinePolicy | null = null;
  entries.forEach((entry, i) => {
    const at: FieldPath = ['checks', i];
    const kind = entryKind(src, at, entry);
    if (kind === 'expect') checks.push(expectCheck(src, at, experiment, metrics, parse(src, at, expectEntrySchema, entry, kind)));
    else if (kind === 'compare') checks.push(compareCheck(src, at, experiment, metrics, parse(src, at, compareEntrySchema, entry, kind)));
    else {
      if (baseline) throw src.error(at, 'a second baseline entry; give the baseline settings once per file');
      baseline = baselinePolicy(src, at, metrics, parse(src, at, baselineEntrySchema, entry, kind));
    }
  });
  return { file, absFile, experiment, checks, baseline: baseline ?? { enabled: true, tolerance: DEFAULT_TOLERANCE, metrics: new Map(), ignore: new Set() } };
}

type EntryKind = 'expect' | 'compare' | 'baseline';

function entryKind(src: ExperimentSource, at: FieldPath, entry: unknown): EntryKind {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw src.error(at, 'expected a mapping: - expect: <expression>, - compare: {...} or - baseline: {...}');
  }
  const kinds = (['expect', 'compare', 'baseline'] as const).filter((k) => k in entry);
  if (kinds.length === 0) throw src.error(at, 'a check needs one of expect, compare or baseline');
  if (kinds.length > 1) throw src.error([...at, kinds[1]!], `a check is one of expect, compare or baseline; split ${kinds.join(' and ')} into separate entries`);
  return kinds[0]!;
}

/** Validates an entry's shape; the first problem becomes a one-line error at its field. */
function parse<T>(src: ExperimentSource, at: FieldPath, schema: z.ZodType<T>, entry: unknown, kind: EntryKind): T {
  const r = schema.safeParse(entry);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = [...at, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
  if (issue.code === 'unrecognized_keys') {
    const nested = issue.path.length > 0 ? `${kind}.${String(issue.path[0])}` : kind;
    const fields = ENTRY_FIELDS[nested as keyof typeof ENTRY_FIELDS] ?? ENTRY_FIELDS[kind];
    throw src.error([...path, issue.keys[0]!], `unknown field; the fields are: ${fields.join(', ')}`);
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) throw src.error(path, 'missing');
  throw src.error(path, issue.message);
}

function expectCheck(src: ExperimentSource, at: FieldPath, exp: Experiment, metrics: string[] | null, e: z.infer<typeof expectEntrySchema>): ExpectCheck {
  const points = e.where ? PointSelector.parse(src, [...at, 'where'], exp, e.where).points() : allPoints(exp);
  const texts = typeof e.expect === 'string' ? [e.expect] : e.expect;
  const expressions = texts.map((text, j) => {
    const path = typeof e.expect === 'string' ? [...at, 'expect'] : [...at, 'expect', j];
    let expression;
    try {
      expression = parseExpression(text);
    } catch (err) {
      if (err instanceof ExpressionError) throw src.error(path, `${err.message} (column ${err.column} of '${text}')`);
      throw err;
    }
    for (const m of expressionMetrics(expression)) checkMetric(src, path, exp, metrics, m);
    const ci = expressionAggregates(expression).find((fn) => fn.startsWith('ci_'));
    if (ci && exp.plan.seeds.length < 2) {
      throw src.error(path, `${ci} needs at least 2 replications to have a confidence interval; set replications: 3 (or more) in this file`);
    }
    return { expression, line: src.line(path) };
  });
  return { kind: 'expect', name: e.name ?? null, expressions, points };
}

function compareCheck(src: ExperimentSource, at: FieldPath, exp: Experiment, metrics: string[] | null, e: z.infer<typeof compareEntrySchema>): CompareCheck {
  const c = e.compare;
  const cat: FieldPath = [...at, 'compare'];
  checkMetric(src, [...cat, 'metric'], exp, metrics, c.metric);
  if ((c.ratio_at_least === undefined) === (c.difference_at_least === undefined)) {
    throw src.error(cat, 'give exactly one of ratio_at_least (e.g. 10 for 10×) or difference_at_least (in the metric\'s unit)');
  }
  const base = PointSelector.parse(src, [...cat, 'baseline'], exp, c.baseline);
  const cand = PointSelector.parse(src, [...cat, 'candidate'], exp, c.candidate);
  if (cand.fixed.size === 0) throw src.error([...cat, 'candidate'], 'name the swept values that make the candidate, e.g. { jitter: 15m }');
  const pairs: PointPair[] = base.points().map((b) => ({ baseline: b, candidate: cand.applyTo(b) }));
  if (pairs.some((p) => p.baseline === p.candidate)) throw src.error([...cat, 'candidate'], 'selects the same grid point as the baseline; give it a different value');
  return {
    kind: 'compare',
    name: e.name ?? null,
    line: src.line(at),
    metric: c.metric,
    pairs,
    better: c.better ?? 'lower',
    ratioAtLeast: c.ratio_at_least ?? null,
    differenceAtLeast: c.difference_at_least ?? null,
  };
}

function baselinePolicy(src: ExperimentSource, at: FieldPath, metrics: string[] | null, e: z.infer<typeof baselineEntrySchema>): BaselinePolicy {
  if (e.baseline === false) return { enabled: false, tolerance: DEFAULT_TOLERANCE, metrics: new Map(), ignore: new Set() };
  const b = e.baseline;
  const bat: FieldPath = [...at, 'baseline'];
  const tol = (path: FieldPath, raw: unknown): Tolerance => {
    const t = parseTolerance(raw);
    if (typeof t === 'string') throw src.error(path, t);
    return t;
  };
  const tolerance = b.tolerance === undefined ? DEFAULT_TOLERANCE : tol([...bat, 'tolerance'], b.tolerance);
  const per = new Map<string, Tolerance>();
  for (const [name, raw] of Object.entries(b.metrics ?? {})) {
    if (metrics && !metrics.includes(name)) throw src.error([...bat, 'metrics', name], unknownMetricMessage(name, metrics));
    per.set(name, tol([...bat, 'metrics', name], raw));
  }
  (b.ignore ?? []).forEach((name, k) => {
    if (metrics && !metrics.includes(name)) throw src.error([...bat, 'ignore', k], unknownMetricMessage(name, metrics));
  });
  return { enabled: true, tolerance, metrics: per, ignore: new Set(b.ignore ?? []) };
}

function checkMetric(src: ExperimentSource, path: FieldPath, exp: Experiment, metrics: string[] | null, name: string): void {
  if (metrics && !metrics.includes(name)) throw src.error(path, `${unknownMetricMessage(name, metrics)} (model ${exp.model.name})`);
}

function allPoints(exp: Experiment): number[] {
  const n = exp.plan.axes.reduce((k, a) => k * a.values.length, 1);
  return Array.from({ length: n }, (_, p) => p);
}

/** The model's metric names, from a short run of the first point (null if that run fails). */
function metricNames(exp: Experiment): string[] | null {
  const job = sweepJob(exp.plan, 0);
  return probeMetricNames(exp.model, job.params, job.seed, exp.plan.durationS);
}
