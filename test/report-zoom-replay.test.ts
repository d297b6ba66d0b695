import { describe, expect, test } from 'vitest';
import model from '../models/thundering-herd.ts';
import { parseDuration } from '../src/kernel/duration.ts';
import { runModel } from '../src/model/run-model.ts';
import { runSeriesUntil } from '../src/model/run-series-until.ts';
import { findings } from '../src/report/findings.ts';
import { MAX_FINE_BUCKETS, MAX_ZOOM_SPAN_S, MAX_ZOOM_WINDOWS, parseZoom, zoomPlan } from '../src/report/zoom-windows.ts';
import { SMALL_HERD, SMALL_HERD_S } from './helpers/report-fixtures.ts';

describe('zoomed windows: the run replayed with finer buckets', () => {
  const coarse = runModel(model, { seed: 2, durationS: SMALL_HERD_S, params: SMALL_HERD });
  const fine = runSeriesUntil(model, coarse, 62 * 60, 1);
  const get = (series: typeof coarse.series, metric: string, stat: string) => series.find((s) => s.metric === metric && s.stat === stat)!.values;

  test('the replay sees the same events: per-second counts add up to the per-minute counts, exactly', () => {
    for (const metric of ['api_errors', 'api_arrivals', 'api_latency_ms', 'jobs_runs', 'scheduled_jobs_started']) {
      const c = get(coarse.series, metric, 'count');
      const f = get(fine.series, metric, 'count');
      for (let m = 0; m < 62; m++) expect(f.slice(m * 60, m * 60 + 60).reduce((a, b) => a + b, 0), `${metric} minute ${m}`).toBe(c[m]);
    }
    expect(get(coarse.series, 'api_errors', 'count')[60]).toBeGreaterThan(0);
  });

  test('gauges too: the largest per-second maximum in a minute is that minute\'s maximum', () => {
    const c = get(coarse.series, 'db_connections', 'max');
    const f = get(fine.series, 'db_connections', 'max');
    for (let m = 0; m < 62; m++) expect(Math.max(...f.slice(m * 60, m * 60 + 60))).toBe(c[m]);
  });

  test('it stops where asked: buckets up to the last window, not the whole run', () => {
    expect(fine.endS).toBe(62 * 60);
    expect(get(fine.series, 'api_errors', 'count')).toHaveLength(62 * 60);
  });

  test('the findings\' stretch of saturation is zoomed with context on each side, at 1 s', () => {
    const found = findings(coarse).filter((f) => f.window);
    expect(found).toHaveLength(1);
    const flagged = found[0]!.window!;
    expect(flagged.fromS).toBe(3600); // the herd at 01:00
    const plan = zoomPlan({ kind: 'auto' }, [{ ...flagged, reason: found[0]!.title }], 60, SMALL_HERD_S, SMALL_HERD_S)!;
    expect(plan.stepS).toBe(1);
    expect(plan.windows).toHaveLength(1);
    const w = plan.windows[0]!;
    expect(w).toMatchObject({ flaggedFromS: 3600, reason: found[0]!.title });
    // A bucket, or half the stretch if longer, before it; after it, as much as the run has.
    expect(w.fromS).toBe(3600 - Math.max(60, (flagged.toS - flagged.fromS) / 2));
    expect(w.toS).toBe(Math.min(SMALL_HERD_S, flagged.toS + Math.max(60, (flagged.toS - flagged.fromS) / 2)));
    expect(plan.untilS).toBe(w.toS);
  });
});

describe('which windows are zoomed', () => {
  const w = (fromS: number, toS: number) => ({ fromS, toS, reason: `${fromS}` });

  test('overlapping stretches give one window; at most a few windows; a long stretch shows its onset', () => {
    const plan = zoomPlan({ kind: 'auto' }, [w(3600, 3720), w(3660, 3700), w(7200, 7260), w(10800, 10860), w(14400, 14460)], 60, 6 * 3600, 6 * 3600)!;
    expect(plan.windows.map((x) => [x.fromS, x.toS])).toEqual([
      [3540, 3780],
      [7140, 7320],
      [10740, 10920],
    ]);
    expect(plan.windows.length).toBeLessThanOrEqual(MAX_ZOOM_WINDOWS);
    const long = zoomPlan({ kind: 'auto' }, [w(3600, 3600 + 7200)], 300, 16 * 3600, 16 * 3600)!;
    expect(long.windows[0]!.toS - long.windows[0]!.fromS).toBe(MAX_ZOOM_SPAN_S);
  });

  test('long runs replay at coarser steps, so fine buckets per series stay bounded', () => {
    const twoDays = zoomPlan({ kind: 'auto' }, [w(40 * 3600, 40 * 3600 + 120)], 60, 64 * 3600, 64 * 3600)!;
    expect(twoDays.stepS).toBe(5);
    expect((64 * 3600) / twoDays.stepS).toBeLessThanOrEqual(MAX_FINE_BUCKETS);
  });

  test('nothing to zoom: no findings with a window, --zoom off, or buckets already fine', () => {
    expect(zoomPlan({ kind: 'auto' }, [], 60, 3600, 3600)).toBeNull();
    expect(zoomPlan({ kind: 'off' }, [w(600, 720)], 60, 3600, 3600)).toBeNull();
    expect(zoomPlan({ kind: 'auto' }, [w(600, 720)], 1, 3600, 3600)).toBeNull();
  });

  test('--zoom takes auto, off, or spans of simulated time; a bad one is a one-line error', () => {
    const parse = (t: string) => parseDuration(t, '--zoom');
    expect(parseZoom(undefined, 60, 3600, parse)).toEqual({ kind: 'auto' });
    expect(parseZoom('off', 60, 3600, parse)).toEqual({ kind: 'off' });
    expect(parseZoom('59m-1h5m,10m-12m', 60, 3600, parse)).toEqual({ kind: 'spans', spans: [{ fromS: 3540, toS: 3900 }, { fromS: 600, toS: 720 }] });
    expect(zoomPlan(parseZoom('59m-1h5m', 60, 7200, parse), [], 60, 7200, 7200)!.windows).toEqual([{ fromS: 3540, toS: 3900, flaggedFromS: 3540, flaggedToS: 3900, reason: 'requested with --zoom' }]);
    expect(() => parseZoom('soon', 60, 3600, parse)).toThrow("--zoom: 'soon' is not a span; use auto, off, or FROM-TO in simulated time such as 1h-1h05m");
    expect(() => parseZoom('5m-1m', 60, 3600, parse)).toThrow("--zoom: in '5m-1m' the end must be after the start");
    expect(() => parseZoom('2h-3h', 60, 3600, parse)).toThrow("--zoom: '2h-3h' starts after the run ends (1h)");
    expect(() => parseZoom('1m-2m', 1, 3600, parse)).toThrow("--zoom: the run's buckets (1s) are already as fine as a zoom of 1m-2m would be");
  });
});
