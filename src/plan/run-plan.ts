import { join } from 'node:path';
import type { RunBackend } from '../check/run-backend.ts';
import { evaluateExpression } from '../check/evaluate-expression.ts';
import { expressionMetrics } from '../check/expression.ts';
import { unknownMetricMessage } from '../check/unknown-metric-message.ts';
import { InputError } from '../input-error.ts';
import type { Model } from '../model/define-model.ts';
import { type AnyParamSpec, formatParam, type ParamJson } from '../model/param.ts';
import { resolveParams } from '../model/run-model.ts';
import { codeHash, jobKey } from '../sweep/code-hash.ts';
import { JobCache } from '../sweep/job-cache.ts';
import { type MeanInterval, meanInterval } from '../sweep/mean-interval.ts';
import type { JobMetrics } from '../sweep/point-summary.ts';
import type { JobRequest } from '../sweep/thread-pool.ts';
import { type SearchGoal, type SearchOutcome, searchBoundary } from './boundary-search.ts';
import type { Criterion, Slo } from './slo.ts';

export interface PlanRequest {
  readonly model: Model;
  readonly modelFile: string;
  readonly goal: SearchGoal;
  /** Flag name of the parameter searched over. */
  readonly param: string;
  readonly spec: AnyParamSpec;
  readonly lo: number;
  readonly hi: number;
  readonly resolution: number;
  readonly gridPoints: number;
  /** Other parameters, by flag name, as the user gave them. */
  readonly fixed: Readonly<Record<string, unknown>>;
  readonly durationS: number;
  /** Replication r of every point uses seeds[r] (common random numbers). */
  readonly seeds: readonly number[];
  readonly slos: readonly Slo[];
  readonly criterion: Criterion;
}

export interface PlanPoint {
  readonly value: number;
  readonly label: string;
  readonly pass: boolean;
  readonly slos: readonly { readonly pass: boolean; readonly actual: string }[];
  /** Mean and 95% interval of each metric the SLOs read, by name. */
  readonly metrics: Readonly<Record<string, MeanInterval>>;
}

export interface PlanResult {
  readonly request: PlanRequest;
  /** Every parameter the runs used, by flag name (the searched one as tried). */
  readonly params: Readonly<Record<string, ParamJson>>;
  readonly outcome: SearchOutcome;
  /** Every point tried, in order of value. */
  readonly points: readonly PlanPoint[];
  readonly runs: number;
  readonly runsCached: number;
}

/**
 * Searches for the SLO boundary along one parameter. Each point tried is a batch of runs
 * (one per seed) on the given backend; runs are cached across invocations under
 * `cacheDir`, keyed like sweep runs, so refining a plan or changing only its SLOs reruns
 * nothing already run.
 */
export async function runPlan(req: PlanRequest, backend: RunBackend, cacheDir: string, onPoint?: (p: PlanPoint) => void): Promise<PlanResult> {
  const base = resolveParams(req.model, req.fixed, req.durationS);
  const params = { ...base.json };
  delete params.duration;
  const code = codeHash(req.modelFile);
  const cache = new JobCache(join(cacheDir));
  const target = { model: req.model, modelFile: req.modelFile };
  const points = new Map<number, PlanPoint>();
  let runs = 0;
  let runsCached = 0;
  let checkedNames = false;

  const evaluate = async (values: readonly number[]): Promise<boolean[]> => {
    const jobs: JobRequest[] = [];
    const keys: string[] = [];
    const results: (JobMetrics | undefined)[] = [];
    values.forEach((v, p) => {
      const runParams = { ...params, [req.param]: v };
      req.seeds.forEach((seed, r) => {
        const key = jobKey(code, req.model.name, runParams, req.durationS, seed);
        const hit = cache.get(key);
        const index = p * req.seeds.length + r;
        keys[index] = key;
        results[index] = hit;
        if (hit) runsCached++;
        else jobs.push({ index, seed, durationS: req.durationS, params: runParams });
      });
    });
    const fresh = await backend.run(target, jobs);
    fresh.forEach((m, k) => {
      const index = jobs[k]!.index;
      results[index] = m;
      cache.add(keys[index]!, m);
    });
    runs += results.length;
    if (!checkedNames) {
      const known = Object.keys(results[0]!);
      for (const slo of req.slos) {
        for (const name of expressionMetrics(slo.expression)) {
          if (!known.includes(name)) throw new InputError(`--slo "${slo.text}": ${unknownMetricMessage(name, known)} (model ${req.model.name})`);
        }
      }
      checkedNames = true;
    }
    return values.map((value, p) => {
      const reps = results.slice(p * req.seeds.length, (p + 1) * req.seeds.length) as JobMetrics[];
      const verdicts = req.slos.map((s) => evaluateExpression(s.expression, reps, req.seeds));
      const metrics: Record<string, MeanInterval> = {};
      for (const s of req.slos) for (const name of expressionMetrics(s.expression)) metrics[name] = meanInterval(reps.map((m) => m[name] ?? null));
      const point: PlanPoint = { value, label: formatParam(req.spec, value), pass: verdicts.every((v) => v.pass), slos: verdicts.map((v) => ({ pass: v.pass, actual: v.actual })), metrics };
      points.set(value, point);
      onPoint?.(point);
      return point.pass;
    });
  };

  let outcome: SearchOutcome;
  try {
    outcome = await searchBoundary({ goal: req.goal, lo: req.lo, hi: req.hi, integer: req.spec.kind === 'int', resolution: req.resolution, gridPoints: req.gridPoints }, evaluate);
  } finally {
    cache.close();
  }
  const sorted = [...points.values()].sort((a, b) => a.value - b.value);
  return { request: req, params: { ...params, [req.param]: req.lo }, outcome, points: sorted, runs, runsCached };
}
