import { paragraphs } from '../src/report/run-report.ts';
import { describe, expect, test } from 'vitest';
import { clockLabelExpr, clockText, parseStart } from '../src/report/clock.ts';
import { formatMeanInterval } from '../src/report/format-interval.ts';
import { metricLabel, metricTitle } from '../src/report/metric-label.ts';
import { paramCell, paramColumn } from '../src/sweep/param-column.ts';
import { orderStats, summaryLongCsv } from '../src/sweep/sweep-tables.ts';
import { summarizePoints } from '../src/sweep/point-summary.ts';
import type { SweepPlan } from '../src/sweep/sweep-plan.ts';

describe('clock time for the time axes', () => {
  test('--start takes a time of day, or a date and time; time 0 is midnight by default', () => {
    expect(parseStart()).toEqual({ text: '00:00', epochMs: 0, hasDate: false });
    expect(parseStart('14:30').epochMs).toBe((14 * 60 + 30) * 60_000);
    expect(parseStart('2024-03-05T14:00')).toEqual({ text: '2024-03-05T14:00', epochMs: Date.UTC(2024, 2, 5, 14), hasDate: true });
    expect(parseStart('2024-03-05 14:00:30').epochMs).toBe(Date.UTC(2024, 2, 5, 14, 0, 30));
    for (const bad of ['25:00', '9am', '2024-02-30T10:00', '14:60', '']) expect(() => parseStart(bad)).toThrow(/^--start: '.*' is not a clock time; use HH:MM/);
  });

  test('labels read HH:MM, with seconds only off the minute, and the day once a run crosses midnight', () => {
    const s = parseStart('23:00');
    expect(clockText(s, 0)).toBe('23:00');
    expect(clockText(s, 90)).toBe('23:01:30');
    expect(clockText(s, 7200, 7200)).toBe('day 2 01:00');
    const d = parseStart('2024-03-05T23:00');
    expect(clockText(d, 7200, 7200)).toBe('Mar 06 01:00');
    expect(clockLabelExpr(parseStart('08:00'), 0, 4 * 3600)).toBe("utcFormat(datum.value, utcseconds(datum.value) ? '%H:%M:%S' : '%H:%M')");
    expect(clockLabelExpr(s, 0, 7200)).toMatch(/^'day ' \+ \(floor\(datum\.value \/ 86400000\) \+ 1\)/);
  });
});

describe('numbers and names for people', () => {
  test('metric names read as words with the unit from their suffix', () => {
    expect(metricLabel('api_latency_p99_ms_worst_minute')).toEqual({ words: 'API latency p99, worst minute', unit: 'ms', factor: 1 });
    expect(metricTitle('db_cpu_max_ratio')).toBe('DB CPU max (%)');
    expect(metricLabel('db_cpu_max_ratio').factor).toBe(100);
    expect(metricTitle('throughput_per_s')).toBe('Throughput (/s)');
    expect(metricTitle('job_lateness_p99_s')).toBe('Job lateness p99 (s)');
    expect(metricTitle('api_errors')).toBe('API errors');
    expect(metricTitle('memory_peak_mb')).toBe('Memory peak (MB)');
  });

  test('a mean is given to the precision its interval supports; no spread, no ±', () => {
    expect(formatMeanInterval(10048, 10048, 10048)).toBe('10,048');
    expect(formatMeanInterval(153.27, 152.03, 154.51)).toBe('153.3 ± 1.2');
    expect(formatMeanInterval(10048.4, 9928.4, 10168.4)).toBe('10,050 ± 120');
    expect(formatMeanInterval(0.05223, 0.0332, 0.0712)).toBe('0.052 ± 0.019');
    expect(formatMeanInterval(2.203, null, null)).toBe('2.203');
  });

  test('parameter columns are snake_case with their unit, and unlimited is inf', () => {
    expect(paramColumn('jitter', 's', [0, 900])).toBe('jitter_s');
    expect(paramColumn('api-rate', '/s', [90])).toBe('api_rate_per_s');
    expect(paramColumn('batch-size', '', ['unlimited', 50])).toBe('batch_size');
    expect(paramColumn('job-pool', 'jobs', [0, 50])).toBe('job_pool');
    expect(paramColumn('api-query-cpu', 's', ['exp(0.004)'])).toBe('api_query_cpu');
    expect(paramColumn('slo-p99-s', 's', [1])).toBe('slo_p99_s');
    expect([paramCell('unlimited'), paramCell(50), paramCell(true), paramCell('exp(0.004)')]).toEqual(['inf', '50', 'true', 'exp(0.004)']);
  });
});

describe('summary-long.csv', () => {
  const plan: SweepPlan = {
    experiment: 'x',
    description: '',
    model: 'm',
    durationS: 60,
    seeds: [1, 2, 3],
    params: {},
    paramText: {},
    axes: [{ name: 'batch-size', unit: '', values: ['unlimited', 50], labels: ['unlimited', '50'] }],
    charts: [],
    checks: [],
  };
  const results = [{ w: 1 }, { w: 4 }, { w: 2 }, { w: 5 }, { w: 5 }, { w: null }];

  test('one row per point and metric: n, mean, sd, interval, min, median, max', () => {
    const text = summaryLongCsv(plan, summarizePoints(plan, results), results);
    const rows = text.trim().split('\n');
    expect(rows[0]).toBe('batch_size,metric,n,mean,sd,ci_low,ci_high,min,p50,max');
    // mean 7/3, sd 1.5275, half-width t(0.975, 2) 4.3027 × sd / √3 = 3.7946
    expect(rows[1]).toBe('inf,w,3,2.333333,1.527525,-1.46125,6.127916,1,2,4');
    expect(rows[2]).toBe('50,w,2,5,0,5,5,5,5,5');
    expect(orderStats([])).toEqual({ min: null, p50: null, max: null });
  });
});

describe("a model's description in report.html", () => {
  test('blank lines in the description separate paragraphs; text is escaped', () => {
    expect(paragraphs('First <one>.\n\n  Second,\nstill second.\n\n\n')).toBe('<p>First &lt;one&gt;.</p><p>Second,\nstill second.</p>');
  });
});
