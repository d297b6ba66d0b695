import { describe, expect, test } from 'vitest';
import { runModel, type RunResult, type Series } from '../src/index.ts';
import { findings } from '../src/report/findings.ts';
import retryStorm from '../models/retry-storm.ts';

/** A run result holding only what the rules read: summary metrics, series, end and bucket width. */
function result(metrics: Record<string, number | null>, series: Series[] = [], endS = 3600, bucketS = 60): RunResult {
  return { model: 'synthetic', seed: 1, params: {}, paramText: {}, summary: '', description: '', endS, bucketS, metrics, series, charts: [], eventsFired: 0 };
}

const gauge = (metric: string, means: number[]): Series[] => [
  { metric, stat: 'mean', values: means },
  { metric, stat: 'max', values: means.map((v) => Math.ceil(v)) },
];

const healthy = result(
  {
    makespan_s: 1800,
    items_total: 10000,
    items_a: 6000,
    failed_a: 30,
    items_b: 4000,
    failed_b: 25,
    retries_total: 200,
    retry_success_ratio: 0.95,
    backoff_wait_s: 20,
    workers: 4,
    pool_busy_capacity: 4,
  },
  [...gauge('pool_busy', [2, 3, 3.7, 2.5, 3.5, 1]), ...gauge('cpu_ratio', [0.5, 0.6, 0.95, 0.7, 0.4, 0.3])],
);

describe('findings', () => {
  test('a healthy run yields no critical finding, indeed none at all', () => {
    expect(findings(healthy)).toEqual([]);
  });

  test('a type that fails far more often than the rest is flagged with its numbers and stages', () => {
    const f = findings(result({ items_x: 700, failed_x: 700, items_y: 300, failed_y: 3, failed_stage_check: 690, failed_stage_save: 13 }));
    expect(f).toHaveLength(1);
    expect(f[0]!.rule).toBe('type-failure-rate');
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.title).toBe('Items of type x fail far more often than the rest (100% vs 1%)');
    expect(f[0]!.evidence).toContain('failed_x 700 of items_x 700 (100%)');
    expect(f[0]!.evidence).toContain('Final failures by stage: check 690 (98.2%), save 13 (1.8%)');
  });

  test('types are compared within their prefix group, and small or merely average types are not flagged', () => {
    const f = findings(result({ job_items_a: 100, job_failed_a: 40, job_items_b: 100, job_failed_b: 5, items_c: 10, failed_c: 10, items_d: 100, failed_d: 0, items_e: 100, failed_e: 12, items_f: 100, failed_f: 10 }));
    // a: 40% vs 5% (flagged); c: only 10 items (too few); e: 12% vs 9.5% of the rest (not far enough above).
    expect(f.map((x) => x.title)).toEqual(['Items of type a fail far more often than the rest (40% vs 5%)']);
    expect(f[0]!.evidence).toContain('job_failed_a 40 of job_items_a 100');
  });

  test('retries that almost never succeed are critical; rarely succeeding ones a warning; few retries are not judged', () => {
    expect(findings(result({ retries_total: 21000, retry_success_ratio: 0, items_total: 10000 })).map((x) => [x.severity, x.title])).toEqual([['critical', 'Retries almost never succeed (0% of 21,000)']]);
    expect(findings(result({ retries_total: 100, retry_success_ratio: 0.1 })).map((x) => x.severity)).toEqual(['warning']);
    expect(findings(result({ retries_total: 10, retry_success_ratio: 0 }))).toEqual([]);
    expect(findings(result({ retries_total: 100, retry_success_ratio: null }))).toEqual([]);
  });

  test('backoff waits are judged against makespan times workers, or the run length without a makespan', () => {
    expect(findings(result({ backoff_wait_s: 4200, makespan_s: 5300 }))[0]!.evidence).toBe('backoff_wait_s 4,200 s (1h10m) against makespan_s 5,300 s (1h28m20s): 79.2%');
    expect(findings(result({ backoff_wait_s: 4200, makespan_s: 5300, workers: 4 })).map((x) => x.severity)).toEqual([]);
    expect(findings(result({ backoff_wait_s: 1000, makespan_s: 2000, workers: 2 })).map((x) => x.severity)).toEqual(['warning']);
    expect(findings(result({ backoff_wait_s: 2000 }, [], 3600)).map((x) => x.severity)).toEqual(['critical']);
  });

  test('a gauge at its capacity for consecutive buckets is a sustained saturation; one bucket is not', () => {
    const series = [...gauge('db_in_use', [50, 199, 200, 198, 60, 200, 40, 199, 200]), ...gauge('spiky', [10, 10, 1, 10]), ...gauge('load_ratio', [0.2, 0.95, 0.3, 0.99])];
    const f = findings(result({ db_in_use_capacity: 200 }, series, 540, 60));
    expect(f.map((x) => x.title)).toEqual(['db_in_use stayed at its capacity (200) for 3m at a stretch']);
    expect(f[0]!.evidence).toBe('db_in_use averaged >= 90% of capacity 200 in 6 of 9 buckets of 1m; longest stretch 3m from 1m; 2 separate stretches of 2+ buckets');
  });

  test('a histogram is never taken for a gauge, even with a capacity', () => {
    const series: Series[] = [...gauge('wait_s', [5, 5, 5]), { metric: 'wait_s', stat: 'count', values: [1, 1, 1] }];
    expect(findings(result({ wait_s_capacity: 5 }, series))).toEqual([]);
  });

  test('findings come out critical first', () => {
    const f = findings(result({ items_x: 100, failed_x: 100, items_y: 100, failed_y: 0, retries_total: 300, retry_success_ratio: 0, backoff_wait_s: 3000 }, [], 3600));
    expect(f.map((x) => [x.severity, x.rule])).toEqual([
      ['critical', 'retry-success'],
      ['critical', 'backoff-wait'],
      ['warning', 'type-failure-rate'],
    ]);
  });

  test('on the retry-storm incident the rules name the useless retries, the backoff and the expired items; classified, no critical remains', () => {
    const blind = findings(runModel(retryStorm, { seed: 1, params: { items: 2000 } }));
    // Backoff is 45% of the run (each retry also reloads its item): a warning, not a critical.
    expect(blind.map((x) => [x.severity, x.rule])).toEqual([
      ['critical', 'retry-success'],
      ['warning', 'type-failure-rate'],
      ['warning', 'backoff-wait'],
      ['warning', 'saturation'],
    ]);
    expect(blind[1]!.title).toContain('expired_cleanup');
    const classified = findings(runModel(retryStorm, { seed: 1, params: { items: 2000, classification: 'classified' } }));
    expect(classified.filter((x) => x.severity === 'critical')).toEqual([]);
  });
});
