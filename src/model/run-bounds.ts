import { formatDuration } from '../kernel/duration.ts';
import { formatRate, parseRate } from '../kernel/rate.ts';
import { formatCount, RUN_LIMIT_FLAGS, RunLimitError, type RunLimits } from '../kernel/run-limits.ts';
import type { Model } from './define-model.ts';
import { flagName } from './param.ts';

/**
 * Refuses, before anything is built, a run its limits could never let finish: more metric
 * buckets than `maxBuckets` (memory grows with them), or Poisson streams whose expected
 * arrivals alone exceed the event budget. `values` are the model's parameters by key;
 * `durationFlag` names where the run length came from (`--duration`, or a file's field).
 */
export function checkRunBounds(model: Model, values: Readonly<Record<string, unknown>>, durationS: number, bucketS: number, limits: RunLimits, durationFlag = '--duration'): void {
  const buckets = Math.ceil(durationS / bucketS - 1e-9);
  if (buckets > limits.maxBuckets) {
    const longest = formatDuration(limits.maxBuckets * bucketS);
    throw new RunLimitError(
      `${durationFlag} ${formatDuration(durationS)} is ${formatCount(buckets)} metric buckets of ${formatDuration(bucketS)} for model ${model.name}, more than the limit of ${formatCount(limits.maxBuckets)} (${longest}); shorten the run, or raise ${RUN_LIMIT_FLAGS.maxBuckets}`,
    );
  }
  // Each arrival of a rate parameter's stream is at least one event.
  let arrivals = 0;
  let largest: { flag: string; perS: number } | null = null;
  for (const [key, spec] of Object.entries(model.params)) {
    const perS = ratePerS(spec.kind, values[key]);
    if (perS === null) continue;
    arrivals += perS * durationS;
    if (!largest || perS > largest.perS) largest = { flag: flagName(key), perS };
  }
  if (largest && arrivals > limits.maxEvents) {
    throw new RunLimitError(
      `--${largest.flag} ${formatRate(largest.perS)} for ${formatDuration(durationS)} means about ${formatCount(arrivals)} arrivals, more than the run's budget of ${formatCount(limits.maxEvents)} events; lower the rate or the run length, or raise ${RUN_LIMIT_FLAGS.maxEvents}`,
    );
  }
}

/**
 * A parameter's constant Poisson rate, per second: a rate, or an arrivals spec that is one.
 * Other arrivals (a trace, a schedule of rates, renewal forms) are left to the run's own budget.
 */
export function ratePerS(kind: string, v: unknown): number | null {
  if (kind === 'rate' && typeof v === 'number') return v;
  if (kind !== 'arrivals' || typeof v !== 'string') return null;
  try {
    return parseRate(v);
  } catch {
    return null;
  }
}
