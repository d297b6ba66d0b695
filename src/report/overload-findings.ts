/**
 * Findings about overload: the rules an SRE applies to a run that may not have recovered.
 * Like every findings rule they read metric names and series only, never a model. `P` is an
 * optional prefix ending in `_`. A counter is a metric with only a `count` series; a gauge
 * has `mean` and `max` series.
 *
 * 5. Metastable failure. Counters `P + requests` (new requests offered) and `P + succeeded`
 *    (requests that succeeded), as `Client` names them. Comparing the last quarter of the run
 *    with the first: offered load is back to (or below) 1.3 × its level at the start, the
 *    start was healthy (goodput >= 80% of arrivals), goodput is now below 20% of arrivals, and
 *    some level gauge (`*_concurrency`, `*_queue_depth`, `*_depth`, `*_in_flight`,
 *    `*_waiters`) is still growing through the last quarter. Critical.
 * 6. Retry amplification. Summary `P + retry_amplification_ratio` (tries per request) above 2
 *    is a warning, above 3 critical. `P + tries_total` and `P + requests_total` are quoted.
 * 7. Pool exhausted with requests failing. Gauges `X_in_use` and `X_waiters` of a pool (a
 *    request waits only while every connection is in use, so a bucket with waiters is a bucket
 *    at capacity) and, in the same buckets, failures: counter `X_timeouts`, or any counter
 *    named `*_errors`, `*_timeouts`, `*_failed` or `*_rejected`. The pool's size is taken as
 *    the largest `X_in_use`. Critical. A `*_cpu_ratio` gauge saturated in those buckets is
 *    named, since more connections would then only queue at the CPU.
 * 8. Backlog growing without bound. A gauge named `*_depth`, `*_queue_depth` or `*_backlog`
 *    whose mean rises through the last third of the run (at least 3/4 of the steps up, the
 *    last bucket its highest, and a rise of at least 10 and of 20% of the final level), or
 *    rises in steps through it (the means of its three equal stretches each higher than the
 *    one before, by at least 10 and 20% of the last in all): arrivals outpace completions and
 *    the queue will not drain by itself. Warning.
 * 9. Requests refused by a rate limit. Counter `X_rate_limited` (answered 429) with
 *    `X_passed`: a share of 1% or more refused is a warning. The advice is the limit's, not
 *    capacity's: the limit does what it is set to do.
 */
import type { Series } from '../metrics/series.ts';
import type { RunResult } from '../model/run-model.ts';
import type { Finding } from './findings.ts';
import { formatNumber } from './html.ts';

const n = (v: number) => formatNumber(Math.abs(v) >= 100 ? Math.round(v) : v);
const pct = (r: number) => `${formatNumber(Math.round(r * 1000) / 10)}%`;
const perS = (v: number) => `${n(v)}/s`;

interface SeriesIndex {
  readonly count: ReadonlyMap<string, readonly number[]>;
  readonly mean: ReadonlyMap<string, readonly number[]>;
  readonly max: ReadonlyMap<string, readonly number[]>;
  /** Metrics with only a count series: counters (histograms also have a mean). */
  readonly counters: readonly string[];
}

function indexSeries(series: readonly Series[]): SeriesIndex {
  const count = new Map<string, readonly number[]>();
  const mean = new Map<string, readonly number[]>();
  const max = new Map<string, readonly number[]>();
  for (const s of series) {
    if (s.stat === 'count') count.set(s.metric, s.values);
    else if (s.stat === 'mean') mean.set(s.metric, s.values);
    else if (s.stat === 'max') max.set(s.metric, s.values);
  }
  const counters = [...count.keys()].filter((k) => !mean.has(k)).sort();
  return { count, mean, max, counters };
}

/** The overload rules' findings on one run, in rule order. */
export function overloadFindings(result: RunResult, m: ReadonlyMap<string, number>): Finding[] {
  const idx = indexSeries(result.series);
  return [...metastable(idx, result.bucketS), ...retryAmplification(m), ...poolExhausted(idx, result.bucketS), ...backlogGrowth(idx, result.bucketS), ...rateLimited(idx)];
}

const sum = (xs: readonly number[], from = 0, to = xs.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += Number.isFinite(xs[i]!) ? xs[i]! : 0;
  return s;
};

const LEVEL = /_(concurrency|queue_depth|depth|in_flight|waiters)$/;

function metastable(idx: SeriesIndex, bucketS: number): Finding[] {
  const out: Finding[] = [];
  for (const name of idx.counters) {
    const match = /^((?:[a-z0-9]+_)*?)requests$/.exec(name);
    if (!match) continue;
    const prefix = match[1] ?? '';
    const offered = idx.count.get(name)!;
    const good = idx.count.get(`${prefix}succeeded`);
    if (!good || offered.length < 8) continue;
    const b = offered.length;
    const q = Math.floor(b / 4);
    const headS = q * bucketS;
    const offeredHead = sum(offered, 0, q) / headS;
    const goodHead = sum(good, 0, q) / headS;
    const offeredTail = sum(offered, b - q) / headS;
    const goodTail = sum(good, b - q) / headS;
    if (!(offeredHead > 0 && goodHead >= 0.8 * offeredHead && offeredTail > 0 && offeredTail <= 1.3 * offeredHead && goodTail < 0.2 * offeredTail)) continue;
    const growing: string[] = [];
    for (const [gauge, means] of [...idx.mean].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))) {
      if (!LEVEL.test(gauge) || means.length !== b) continue;
      const first = means[b - q]!;
      const last = means[b - 1]!;
      if (last > 1 && last > 1.1 * first) growing.push(`${gauge} ${n(first)} → ${n(last)}`);
    }
    if (growing.length === 0) continue;
    out.push({
      severity: 'critical',
      rule: 'metastable',
      title: `The system stayed down after the load returned to normal: goodput ${pct(goodTail / offeredTail)} of arrivals at the end`,
      evidence:
        `over the last ${formatNumber(headS)} s ${name} ${perS(offeredTail)} (start of run ${perS(offeredHead)}), ${prefix}succeeded ${perS(goodTail)} (start ${perS(goodHead)}); ` +
        `still growing through that stretch: ${growing.join(', ')}`,
      recommendation:
        'A metastable failure: whatever triggered it is over, but work the system makes for itself keeps it saturated (typically retries of ' +
        'timed-out requests the service still works on). Adding capacity for a moment or waiting does not end it; break the loop: a retry ' +
        'budget or client-side adaptive throttling, shed requests that waited longer than the callers\' timeout (or CoDel, adaptive LIFO), ' +
        'cancel work whose caller gave up, bound concurrency. To recover now, drop the queued backlog and shed load until goodput returns.',
    });
  }
  return out;
}

function retryAmplification(m: ReadonlyMap<string, number>): Finding[] {
  const out: Finding[] = [];
  for (const [name, ratio] of [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const match = /^((?:[a-z0-9]+_)*?)retry_amplification_ratio$/.exec(name);
    if (!match || !(ratio > 2)) continue;
    const prefix = match[1] ?? '';
    const tries = m.get(`${prefix}tries_total`);
    const requests = m.get(`${prefix}requests_total`);
    out.push({
      severity: ratio > 3 ? 'critical' : 'warning',
      rule: 'retry-amplification',
      title: `Retries multiply the load: ${formatNumber(Number(ratio.toPrecision(3)))} tries per request`,
      evidence: `${name} ${formatNumber(Number(ratio.toPrecision(4)))}` + (tries !== undefined && requests !== undefined ? ` (${prefix}tries_total ${n(tries)} for ${prefix}requests_total ${n(requests)})` : ''),
      recommendation:
        'Under overload every failed try comes back as more load on a service that is already failing. Bound the retries, not just their ' +
        'timing: a retry budget (retries at most ~10% of requests, as gRPC retry throttling and Finagle do) or client-side adaptive ' +
        'throttling, and retry at one layer only. Backoff with jitter spreads retries out but, with clients that keep arriving, does not ' +
        'reduce how many there are.',
    });
  }
  return out;
}

function poolExhausted(idx: SeriesIndex, bucketS: number): Finding[] {
  const out: Finding[] = [];
  const failureCounters = idx.counters.filter((c) => /_(errors|timeouts|failed|rejected)$/.test(c));
  for (const [gauge, maxes] of [...idx.max].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const match = /^(.+)_in_use$/.exec(gauge);
    if (!match) continue;
    const pool = match[1]!;
    const waiters = idx.max.get(`${pool}_waiters`);
    if (!waiters) continue;
    const size = Math.max(...maxes.filter(Number.isFinite));
    const own = idx.count.get(`${pool}_timeouts`);
    const failing = [...new Set([...(own ? [`${pool}_timeouts`] : []), ...failureCounters])];
    const full: number[] = [];
    waiters.forEach((w, i) => {
      if (w > 0) full.push(i);
    });
    const failedIn = (c: string) => sum(full.map((i) => idx.count.get(c)![i] ?? 0));
    const failures = failing.map((c) => [c, failedIn(c)] as const).filter(([, v]) => v > 0);
    if (full.length === 0 || failures.length === 0) continue;
    const cpu = [...idx.mean].filter(([g, v]) => g.endsWith('_cpu_ratio') && full.some((i) => (v[i] ?? 0) >= 0.9)).map(([g]) => g);
    const peakWaiters = Math.max(...full.map((i) => waiters[i]!));
    out.push({
      severity: 'critical',
      rule: 'pool-exhausted',
      title: `${pool} ran out of connections (${n(size)}/${n(size)} in use) while requests failed`,
      evidence:
        `${gauge} at its maximum ${n(size)} with requests waiting (${pool}_waiters up to ${n(peakWaiters)}) in ${n(full.length)} of ${n(waiters.length)} buckets of ${formatNumber(bucketS)} s; ` +
        `in those buckets ${failures.map(([c, v]) => `${c} ${n(v)}`).join(', ')}` +
        (cpu.length ? `; ${cpu.join(', ')} also at >= 90% then` : ''),
      recommendation:
        `Every connection of ${pool} was held and requests timed out waiting for one: the pool, not the work itself, set the limit. Find ` +
        'what held the connections then (a burst of jobs started at once, long transactions, calls made while holding a connection) and ' +
        'bound it: cap concurrent background work or give it a pool of its own, spread bursts with jitter, hold a connection only for ' +
        'the query. ' +
        (cpu.length
          ? `A larger pool would not help here: ${cpu.join(', ')} was saturated too, so more connections would only queue at the CPU.`
          : 'A larger pool helps only if what is behind it (the database CPU, its locks) has room to spare.'),
    });
  }
  return out;
}

function backlogGrowth(idx: SeriesIndex, bucketS: number): Finding[] {
  const out: Finding[] = [];
  for (const [gauge, means] of [...idx.mean].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!/_(depth|backlog)$/.test(gauge) || means.length < 6) continue;
    const from = means.length - Math.floor(means.length / 3);
    const tail = means.slice(from - 1);
    let up = 0;
    for (let i = 1; i < tail.length; i++) if (tail[i]! >= tail[i - 1]!) up++;
    const first = tail[0]!;
    const last = tail[tail.length - 1]!;
    const steady = up >= 0.75 * (tail.length - 1) && last >= Math.max(...tail) && last - first >= Math.max(10, 0.2 * last);
    // A queue that grows in bursts (each dead worker's share piling up, drained a little in
    // between) rises step by step in its averages: each third of the last third above the one before.
    const parts = thirds(tail.slice(1));
    const stepwise = parts[0]! < parts[1]! && parts[1]! < parts[2]! && parts[2]! - parts[0]! >= Math.max(10, 0.2 * parts[2]!);
    if (!steady && !stepwise) continue;
    const spanS = (tail.length - 1) * bucketS;
    out.push({
      severity: 'warning',
      rule: 'backlog-growth',
      title: `${gauge} kept growing to the end of the run (${n(first)} → ${n(last)})`,
      evidence: steady
        ? `${gauge} rose in ${n(up)} of the last ${n(tail.length - 1)} buckets, from ${n(first)} to ${n(last)} over ${formatNumber(spanS)} s (+${formatNumber(Number(((last - first) / spanS).toPrecision(3)))}/s), highest at the end`
        : `${gauge} averaged ${parts.map(n).join(', then ')} over three equal stretches of the last ${formatNumber(spanS)} s, rising in steps (in ${n(up)} of ${n(tail.length - 1)} buckets) from ${n(first)} to ${n(last)}`,
      recommendation:
        'Work arrives faster than it is done and this queue will not drain by itself. Find why the consumers fall behind (workers dead or ' +
        'stuck, a slow dependency, retries feeding the queue) and restore their capacity, or limit what is admitted (shed load, bound the ' +
        'queue) so that the wait stays below what callers will tolerate; alert on queue depth and age so it is seen before it is hours deep.',
    });
  }
  return out;
}

/** The means of the first, middle and last third of xs (at least 3 values). */
function thirds(xs: readonly number[]): number[] {
  const k = Math.floor(xs.length / 3);
  const mean = (from: number, to: number) => xs.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
  return [mean(0, k), mean(k, xs.length - k), mean(xs.length - k, xs.length)];
}

function rateLimited(idx: SeriesIndex): Finding[] {
  const out: Finding[] = [];
  for (const name of idx.counters) {
    const match = /^(.+)_rate_limited$/.exec(name);
    if (!match) continue;
    const limited = sum(idx.count.get(name)!);
    const passed = sum(idx.count.get(`${match[1]}_passed`) ?? []);
    const share = limited / (limited + passed);
    if (!(limited > 0 && share >= 0.01)) continue;
    out.push({
      severity: 'warning',
      rule: 'rate-limited',
      title: `A rate limit refused ${pct(share)} of requests (429s)`,
      evidence: `${name} ${n(limited)}, ${match[1]}_passed ${n(passed)}`,
      recommendation:
        'The limit is doing what it is set to do, and capacity behind it does not change that. If the refused load is legitimate, raise ' +
        'the limit, but only as far as the service behind it has headroom; otherwise make callers slow down: back off on a 429 and honour ' +
        'Retry-After instead of retrying at once, and spread bursts that hit the limit together.',
    });
  }
  return out;
}
