import { describe, expect, test } from 'vitest';
import { runModel, type RunResult, type Series } from '../src/index.ts';
import { findings } from '../src/internal.ts';
import retryAmplification from '../models/retry-amplification.ts';
import silentBacklog from '../models/silent-backlog.ts';
import thunderingHerd from '../models/thundering-herd.ts';
import zombieWorkers from '../models/zombie-workers.ts';

function result(metrics: Record<string, number | null>, series: Series[] = [], bucketS = 10): RunResult {
  const endS = (series[0]?.values.length ?? 1) * bucketS;
  return { model: 'synthetic', seed: 1, params: {}, paramText: {}, summary: '', description: '', endS, bucketS, metrics, series, charts: [], eventsFired: 0 };
}

const counter = (metric: string, values: number[]): Series => ({ metric, stat: 'count', values });
const gauge = (metric: string, means: number[]): Series[] => [
  { metric, stat: 'mean', values: means },
  { metric, stat: 'max', values: means.map((v) => Math.ceil(v)) },
];
const rules = (r: RunResult) => findings(r).map((f) => [f.severity, f.rule]);

// Twelve buckets of 10 s: healthy for three, a trigger, then the end of the run.
const ARRIVALS = [600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600];
const COLLAPSED = [600, 590, 600, 200, 0, 0, 0, 0, 0, 0, 0, 0];
const RECOVERED = [600, 590, 600, 200, 0, 300, 600, 600, 600, 600, 600, 600];
const GROWING = [5, 5, 5, 400, 1500, 3000, 4500, 6000, 7500, 9000, 10500, 12000];

describe('metastable signature', () => {
  test('load back to normal, goodput near zero, a queue still growing: critical, with the numbers', () => {
    const f = findings(result({}, [counter('client_requests', ARRIVALS), counter('client_succeeded', COLLAPSED), ...gauge('service_queue_depth', GROWING)]));
    const m = f.find((x) => x.rule === 'metastable')!;
    expect(m.severity).toBe('critical');
    expect(m.title).toBe('The system stayed down after the load returned to normal: goodput 0% of arrivals at the end');
    expect(m.evidence).toBe(
      'over the last 30 s client_requests 60/s (start of run 60/s), client_succeeded 0/s (start 59.67/s); still growing through that stretch: service_queue_depth 9,000 → 12,000',
    );
    expect(m.recommendation).toMatch(/retry budget or client-side adaptive throttling/);
  });

  test('a run that recovered, one still overloaded by its arrivals, and one whose queue stopped growing are not metastable', () => {
    const recovered = result({}, [counter('client_requests', ARRIVALS), counter('client_succeeded', RECOVERED), ...gauge('service_queue_depth', [5, 5, 5, 400, 900, 300, 5, 5, 5, 5, 5, 5])]);
    const surge = ARRIVALS.map((v, i) => (i >= 3 ? 2 * v : v));
    const overloaded = result({}, [counter('client_requests', surge), counter('client_succeeded', COLLAPSED), ...gauge('service_queue_depth', GROWING)]);
    const flat = result({}, [counter('client_requests', ARRIVALS), counter('client_succeeded', COLLAPSED), ...gauge('service_queue_depth', [5, 5, 5, 400, 900, 900, 900, 900, 900, 900, 900, 900])]);
    for (const r of [recovered, overloaded, flat]) expect(rules(r).filter(([, rule]) => rule === 'metastable')).toEqual([]);
  });
});

describe('retry amplification', () => {
  test('more than 2 tries per request is a warning, more than 3 critical; up to 2 is not flagged', () => {
    expect(rules(result({ retry_amplification_ratio: 2.5 }))).toEqual([['warning', 'retry-amplification']]);
    expect(rules(result({ client_retry_amplification_ratio: 3.8, client_tries_total: 38000, client_requests_total: 10000 }))).toEqual([['critical', 'retry-amplification']]);
    expect(findings(result({ client_retry_amplification_ratio: 3.8, client_tries_total: 38000, client_requests_total: 10000 }))[0]!.evidence).toBe(
      'client_retry_amplification_ratio 3.8 (client_tries_total 38,000 for client_requests_total 10,000)',
    );
    expect(rules(result({ retry_amplification_ratio: 2 }))).toEqual([]);
  });
});

describe('a pool at capacity with requests failing', () => {
  const inUse = gauge('db_pool_in_use', [50, 200, 200, 80]);
  const waiting = gauge('db_pool_waiters', [0, 3000, 10, 0]);

  test('fires when requests wait for a full pool and fail in the same buckets, naming the failures', () => {
    const f = findings(result({}, [...inUse, ...waiting, counter('db_pool_timeouts', [0, 900, 0, 0]), counter('api_errors', [0, 900, 0, 5])]));
    const p = f.find((x) => x.rule === 'pool-exhausted')!;
    expect(p.severity).toBe('critical');
    expect(p.title).toBe('db_pool ran out of connections (200/200 in use) while requests failed');
    expect(p.evidence).toBe('db_pool_in_use at its maximum 200 with requests waiting (db_pool_waiters up to 3,000) in 2 of 4 buckets of 10 s; in those buckets db_pool_timeouts 900, api_errors 900');
    expect(p.recommendation).toMatch(/A larger pool helps only if/);
  });

  test('a full pool with nobody failing, or failures while the pool had room, are not this finding', () => {
    expect(rules(result({}, [...inUse, ...waiting, counter('api_errors', [0, 0, 0, 0])])).filter(([, r]) => r === 'pool-exhausted')).toEqual([]);
    expect(rules(result({}, [...inUse, ...gauge('db_pool_waiters', [0, 0, 0, 0]), counter('api_errors', [4, 4, 4, 4])])).filter(([, r]) => r === 'pool-exhausted')).toEqual([]);
  });

  test('on thundering-herd it names the 200/200 pool and the 503s, and says more connections would queue at the CPU', () => {
    const f = findings(runModel(thunderingHerd, { seed: 1, durationS: 3720 }));
    const p = f.find((x) => x.rule === 'pool-exhausted')!;
    expect(p.title).toBe('db_pool ran out of connections (200/200 in use) while requests failed');
    expect(p.evidence).toMatch(/in those buckets db_pool_timeouts [\d,]+, api_errors [\d,]+; db_cpu_ratio also at >= 90% then/);
    expect(p.recommendation).toMatch(/A larger pool would not help here/);
    expect(f[0]!.rule).toBe('pool-exhausted');
  });
});

describe('a backlog growing without bound', () => {
  test('a queue rising to the end of the run is flagged; one that peaked and drained is not', () => {
    const f = findings(result({}, [...gauge('jobs_queue_depth', GROWING)]));
    expect(f.map((x) => x.title)).toEqual(['jobs_queue_depth kept growing to the end of the run (6,000 → 12,000)']);
    expect(f[0]!.evidence).toBe('jobs_queue_depth rose in 4 of the last 4 buckets, from 6,000 to 12,000 over 40 s (+150/s), highest at the end');
    expect(findings(result({}, [...gauge('jobs_queue_depth', [5, 5, 5, 400, 1500, 3000, 4500, 6000, 7500, 900, 10, 5])]))).toEqual([]);
  });

  test('a queue rising in bursts (down between them) is flagged by its stretches; a noisy flat one is not', () => {
    // The last third (6 buckets) averages 1,000, 1,500, 2,000 over its three stretches.
    const bursts = [0, 0, 0, 0, 0, 0, 100, 300, 600, 500, 700, 800, 1200, 800, 1700, 1300, 2200, 1800];
    const f = findings(result({}, [...gauge('jobs_queue_depth', bursts)]));
    expect(f.map((x) => x.title)).toEqual(['jobs_queue_depth kept growing to the end of the run (800 → 1,800)']);
    expect(f[0]!.evidence).toBe('jobs_queue_depth averaged 1,000, then 1,500, then 2,000 over three equal stretches of the last 60 s, rising in steps (in 3 of 6 buckets) from 800 to 1,800');
    const flat = [0, 0, 0, 0, 0, 0, 900, 1100, 1000, 1000, 1100, 900, 1050, 950, 900, 1100, 1000, 1000];
    expect(findings(result({}, [...gauge('jobs_queue_depth', flat)]))).toEqual([]);
  });

  test('zombie-workers, whose workers turn into zombies and never come back: the queue behind them is flagged', () => {
    const f = findings(runModel(zombieWorkers, { seed: 1 }));
    expect(f.filter((x) => x.rule === 'backlog-growth').map((x) => x.title.split(' ')[0])).toEqual(['queue_depth']);
  });

  test('on silent-backlog cut off before anyone notices, the dead workers’ queue is flagged', () => {
    const f = findings(runModel(silentBacklog, { seed: 1, durationS: 8 * 3600 }));
    expect(f.filter((x) => x.rule === 'backlog-growth').map((x) => x.title.split(' ')[0])).toContain('queue_depth');
  });
});

describe('a rate limit refusing requests', () => {
  test('advice is the limit’s, not capacity’s', () => {
    const f = findings(result({}, [counter('edge_rate_limited', [0, 50, 50, 0]), counter('edge_passed', [100, 100, 100, 100])]));
    expect(f.map((x) => [x.severity, x.rule, x.title])).toEqual([['warning', 'rate-limited', 'A rate limit refused 20% of requests (429s)']]);
    expect(f[0]!.recommendation).toMatch(/capacity behind it does not change that/);
    expect(f[0]!.recommendation).not.toMatch(/add capacity/);
  });
});

describe('on the retry-amplification model', () => {
  test('the collapse is named for what it is; with a retry budget none of the overload rules fire', () => {
    const collapsed = rules(runModel(retryAmplification, { seed: 1 }));
    expect(collapsed).toEqual([
      ['critical', 'metastable'],
      ['critical', 'retry-amplification'],
      ['warning', 'saturation'],
      ['warning', 'backlog-growth'],
    ]);
    const fixed = rules(runModel(retryAmplification, { seed: 1, params: { fix: 'retry-budget' } }));
    expect(fixed.filter(([, r]) => ['metastable', 'retry-amplification', 'backlog-growth'].includes(r!))).toEqual([]);
  });
});
