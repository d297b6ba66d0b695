/**
 * Findings: what the metrics reveal, computed by general rules over metric names and series,
 * the same for every model. A rule knows naming conventions, never a model. A model opts in
 * by naming its summary metrics (and metric series) as below; names it does not use are
 * simply not examined.
 *
 * Conventions (summary metrics are `RunResult.metrics`; series are `RunResult.series`). `P`
 * is an optional prefix ending in `_` (e.g. `batch_`), so one run can hold several groups.
 *
 * 1. Failure rate by item type. Summary metrics `P` + `items_<type>` (items of the type that
 *    finished, succeeded or failed) and `P` + `failed_<type>` (of those, failed). Every type
 *    with both in a group of at least two types is compared with the rest of its group. A
 *    type is flagged when it has >= MIN_ITEMS items, its rate is >= 10% and >= 3 × the rest's
 *    rate + 5 points. Optional `P` + `failed_stage_<stage>` counts (final failures by the stage
 *    that failed) are quoted as evidence.
 * 2. Retry success. Summary metrics `P` + `retries_total` (attempts after the first) and
 *    `P` + `retry_success_ratio` (share of those retries that succeeded). With >= MIN_RETRIES
 *    retries, a ratio < 5% is critical and < 20% a warning.
 * 3. Time in backoff. Summary `backoff_wait_s` (seconds items spent waiting between retries,
 *    summed over items) against the run's length: summary `makespan_s` if present, else the
 *    run's end time, times summary `workers` if present (capacity in worker-seconds). A share
 *    >= 50% is critical, >= 25% a warning.
 * 4. Sustained saturation. Any gauge (a metric with `mean` and `max` series) whose capacity
 *    is known: a summary metric `<gauge>_capacity` (e.g. `db_pool_in_use_capacity: 200`), or
 *    capacity 1 for gauges named `*_ratio`. A time bucket is saturated when the gauge's mean
 *    over it is >= 90% of capacity; SATURATED_BUCKETS or more consecutive saturated buckets
 *    are a warning.
 *
 * Rules 5 to 9 (metastable failure, retry amplification, an exhausted pool with requests
 * failing, a backlog growing without bound, a rate limit refusing requests) are in
 * `overload-findings.ts`, with their conventions.
 *
 * Findings come out critical first, then warnings, then info; within a severity in rule
 * order, then by metric name. The output is a pure function of the result.
 */
import { formatDuration } from '../kernel/duration.ts';
import type { RunResult } from '../model/run-model.ts';
import type { Series } from '../metrics/series.ts';
import { formatNumber } from './html.ts';
import { overloadFindings } from './overload-findings.ts';

export interface Finding {
  readonly severity: 'critical' | 'warning' | 'info';
  /**
   * Which rule found it: `type-failure-rate`, `retry-success`, `backoff-wait`, `saturation`,
   * `metastable`, `retry-amplification`, `pool-exhausted`, `backlog-growth`, `rate-limited`.
   */
  readonly rule: string;
  /** What is wrong, in one line. */
  readonly title: string;
  /** The numbers behind it, naming the metrics they come from. */
  readonly evidence: string;
  readonly recommendation: string;
  /** The stretch of simulated time the finding is about, if it is about one (seconds, end exclusive): the report zooms into it. */
  readonly window?: { readonly fromS: number; readonly toS: number };
}

/** Fewest items of a type before its failure rate is judged. */
const MIN_ITEMS = 20;
/** Fewest retries before their success rate is judged. */
const MIN_RETRIES = 20;
/** Consecutive saturated buckets that make a finding. */
const SATURATED_BUCKETS = 2;
const SATURATION_LEVEL = 0.9;

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/** Every finding the rules make on one run's results. */
export function findings(result: RunResult): Finding[] {
  const m = numericMetrics(result.metrics);
  const out = [...typeFailureRate(m), ...retrySuccess(m), ...backoffWait(m, result.endS), ...saturation(m, result.series, result.bucketS), ...overloadFindings(result, m)];
  // Array.prototype.sort is stable: rule order holds within a severity.
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function numericMetrics(metrics: RunResult['metrics']): Map<string, number> {
  const m = new Map<string, number>();
  for (const [k, v] of Object.entries(metrics)) if (typeof v === 'number' && Number.isFinite(v)) m.set(k, v);
  return m;
}

/** Whole numbers from 100 up (4,207 s rather than 4207 s); four significant digits below. */
const n = (v: number) => formatNumber(Math.abs(v) >= 100 ? Math.round(v) : v);
const pct = (r: number) => `${formatNumber(Math.round(r * 1000) / 10)}%`;
const dur = (s: number) => formatDuration(Math.round(s));

function typeFailureRate(m: Map<string, number>): Finding[] {
  // Groups by prefix: prefix -> type -> [items, failed].
  const groups = new Map<string, Map<string, [number, number]>>();
  for (const [name, items] of m) {
    const match = /^((?:[a-z0-9]+_)*?)items_([a-z0-9_]+)$/.exec(name);
    if (!match) continue;
    const [, prefix = '', type = ''] = match;
    const failed = m.get(`${prefix}failed_${type}`);
    if (failed === undefined) continue;
    if (!groups.has(prefix)) groups.set(prefix, new Map());
    groups.get(prefix)!.set(type, [items, failed]);
  }
  const out: Finding[] = [];
  for (const [prefix, types] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (types.size < 2) continue;
    const allItems = sum([...types.values()].map(([i]) => i));
    const allFailed = sum([...types.values()].map(([, f]) => f));
    for (const [type, [items, failed]] of [...types].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (items < MIN_ITEMS) continue;
      const rate = failed / items;
      const restItems = allItems - items;
      const restRate = restItems > 0 ? (allFailed - failed) / restItems : 0;
      if (!(rate >= 0.1 && rate >= 3 * restRate + 0.05)) continue;
      const stages = stageBreakdown(m, prefix);
      out.push({
        severity: 'warning',
        rule: 'type-failure-rate',
        title: `Items of type ${type} fail far more often than the rest (${pct(rate)} vs ${pct(restRate)})`,
        evidence:
          `${prefix}failed_${type} ${n(failed)} of ${prefix}items_${type} ${n(items)} (${pct(rate)}); ` +
          `other types ${n(allFailed - failed)} of ${n(restItems)} (${pct(restRate)}); ` +
          `${type} is ${pct(items / allItems)} of all items and ${pct(allFailed > 0 ? failed / allFailed : 0)} of all failures` +
          (stages ? `. Final failures by stage: ${stages}` : ''),
        recommendation:
          rate >= 0.9
            ? `Nearly every ${type} item fails, so the cause is in the items, not in chance: find what they share (expired, invalid, unsupported), ` +
              `filter them out before they are scheduled, and classify this error as permanent so it is never retried.`
            : `Look at what failing ${type} items have in common and at the stage they fail in; if the failure is permanent, stop retrying it.`,
      });
    }
  }
  return out;
}

function stageBreakdown(m: Map<string, number>, prefix: string): string {
  const head = `${prefix}failed_stage_`;
  const stages = [...m].filter(([k]) => k.startsWith(head)).map(([k, v]) => [k.slice(head.length), v] as const);
  const total = sum(stages.map(([, v]) => v));
  if (total === 0) return '';
  return stages
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([s, v]) => `${s} ${n(v)} (${pct(v / total)})`)
    .join(', ');
}

function retrySuccess(m: Map<string, number>): Finding[] {
  const out: Finding[] = [];
  for (const [name, retries] of [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const match = /^((?:[a-z0-9]+_)*?)retries_total$/.exec(name);
    if (!match) continue;
    const prefix = match[1] ?? '';
    const ratio = m.get(`${prefix}retry_success_ratio`);
    if (ratio === undefined || retries < MIN_RETRIES || ratio >= 0.2) continue;
    const items = m.get(`${prefix}items_total`);
    const wasted = Math.round(retries * (1 - ratio));
    out.push({
      severity: ratio < 0.05 ? 'critical' : 'warning',
      rule: 'retry-success',
      title: `Retries almost never succeed (${pct(ratio)} of ${n(retries)})`,
      evidence:
        `${name} ${n(retries)}, ${prefix}retry_success_ratio ${pct(ratio)}: about ${n(wasted)} retries failed again` +
        (items !== undefined && items > 0 ? `; ${formatNumber(Math.round((retries / items) * 100) / 100)} retries per item (${prefix}items_total ${n(items)})` : ''),
      recommendation:
        'The failures being retried do not go away: classify errors and retry only transient ones (timeouts, connection resets, 503s); ' +
        'fail permanent ones (validation, not found) at once, and cap retries with a budget.',
    });
  }
  return out;
}

function backoffWait(m: Map<string, number>, endS: number): Finding[] {
  const wait = m.get('backoff_wait_s');
  if (wait === undefined || wait <= 0) return [];
  const makespan = m.get('makespan_s');
  const length = makespan ?? endS;
  const workers = m.get('workers') ?? 1;
  if (!(length > 0 && workers > 0)) return [];
  const share = wait / (length * workers);
  if (share < 0.25) return [];
  const base = makespan !== undefined ? `makespan_s ${n(makespan)} s (${dur(makespan)})` : `the run's ${n(endS)} s (${dur(endS)})`;
  return [
    {
      severity: share >= 0.5 ? 'critical' : 'warning',
      rule: 'backoff-wait',
      title: `Waiting between retries takes ${share > 1 ? 'more than all' : pct(share)} of the run's time`,
      evidence: `backoff_wait_s ${n(wait)} s (${dur(wait)}) against ${base}${workers !== 1 ? ` × workers ${n(workers)}` : ''}: ${pct(share)}`,
      recommendation:
        'Time goes to sleeping before retries rather than to work: stop retrying failures that cannot pass, lower the retry count or ' +
        'delays, and retry asynchronously (requeue with a delay) so a worker takes the next item instead of sleeping.',
    },
  ];
}

function saturation(m: Map<string, number>, series: readonly Series[], bucketS: number): Finding[] {
  const means = new Map<string, readonly number[]>();
  const hasMax = new Set<string>();
  const hasCount = new Set<string>();
  for (const s of series) {
    if (s.stat === 'mean') means.set(s.metric, s.values);
    else if (s.stat === 'max') hasMax.add(s.metric);
    else if (s.stat === 'count') hasCount.add(s.metric);
  }
  const out: Finding[] = [];
  for (const [metric, values] of [...means].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // Gauges have mean and max series; histograms also have a count, and are not levels.
    if (!hasMax.has(metric) || hasCount.has(metric)) continue;
    const capacity = m.get(`${metric}_capacity`) ?? (metric.endsWith('_ratio') ? 1 : undefined);
    if (capacity === undefined || !(capacity > 0)) continue;
    const level = SATURATION_LEVEL * capacity;
    let saturated = 0;
    let run = 0;
    let longest = 0;
    let longestStart = 0;
    let episodes = 0;
    values.forEach((v, i) => {
      if (v >= level) {
        saturated++;
        run++;
        if (run === SATURATED_BUCKETS) episodes++;
        if (run > longest) {
          longest = run;
          longestStart = i - run + 1;
        }
      } else run = 0;
    });
    if (longest < SATURATED_BUCKETS) continue;
    const whole = longest === values.length;
    out.push({
      severity: 'warning',
      rule: 'saturation',
      title: `${metric} stayed at its capacity (${n(capacity)}) ${whole ? 'for the whole run' : `for ${dur(longest * bucketS)} at a stretch`}`,
      evidence:
        `${metric} averaged >= ${pct(SATURATION_LEVEL)} of capacity ${n(capacity)} in ${n(saturated)} of ${n(values.length)} buckets of ${dur(bucketS)}; ` +
        `longest stretch ${dur(longest * bucketS)} from ${dur(longestStart * bucketS)}` +
        (episodes > 1 ? `; ${n(episodes)} separate stretches of ${SATURATED_BUCKETS}+ buckets` : ''),
      recommendation:
        `Work queued behind ${metric} for sustained periods: add capacity, spread or limit the load that fills it (jitter, batch limits, ` +
        `bounded concurrency), or cut the work that holds it (useless retries, slow calls).`,
      window: { fromS: longestStart * bucketS, toS: (longestStart + longest) * bucketS },
    });
  }
  return out;
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
