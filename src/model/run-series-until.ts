import { DEFAULT_RUN_LIMITS, type RunLimits } from '../kernel/run-limits.ts';
import type { Series } from '../metrics/series.ts';
import type { Model } from './define-model.ts';
import { ModelContext } from './model-context.ts';
import type { ParamJson } from './param.ts';
import { resolveParams } from './run-model.ts';

/**
 * Replays a run with finer time buckets, up to `untilS`: the same model, parameters, seed
 * and run length, so the same events happen at the same times (metrics only observe; the
 * bucket width changes what is recorded, never what is simulated). The report uses it to
 * zoom into the windows its findings flag, at seconds where the run kept minutes.
 *
 * Memory is the fine buckets up to the run's length for every series (the metrics layer
 * sizes its buckets from the run length), so callers choose `bucketS` to keep that count
 * bounded; it never grows with the number of events.
 */
export function runSeriesUntil(
  model: Model,
  run: { readonly seed: number; readonly params: Readonly<Record<string, ParamJson>> },
  untilS: number,
  bucketS: number,
  limits: RunLimits = DEFAULT_RUN_LIMITS,
): { readonly series: readonly Series[]; readonly endS: number } {
  const { duration, ...params } = run.params;
  const p = resolveParams(model, params, typeof duration === 'number' ? duration : undefined);
  const ctx = new ModelContext(run.seed, p.durationS, bucketS);
  // The run's own bounds: the replay fires no more events than the run did up to untilS.
  ctx.sim.limits = limits;
  model.build(ctx, p.values as never);
  const stopS = Math.min(untilS, p.durationS);
  ctx.sim.run(stopS);
  const endS = ctx.endedAtS >= 0 ? ctx.endedAtS : stopS;
  ctx.metrics.finish(endS);
  return { series: ctx.metrics.series(), endS };
}
