import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../src/input-error.ts';
import { loadExperiment } from '../src/sweep/experiment.ts';
import { outcomeModes } from '../src/sweep/outcome-modes.ts';
import type { JobMetrics } from '../src/sweep/point-summary.ts';
import { sweepOutputFiles } from '../src/sweep/sweep-output-files.ts';
import type { SweepPlan } from '../src/sweep/sweep-plan.ts';
import { tempDir } from './helpers/cli.ts';
import { experimentIn } from './sweep-fixtures.ts';

describe('replications that split into two outcomes', () => {
  test('recovered in some seeds and collapsed in others: the share and median of each', () => {
    expect(outcomeModes([1, 0, 1, 0, 1])).toEqual({ low: { n: 2, share: 0.4, median: 0 }, high: { n: 3, share: 0.6, median: 1 } });
    expect(outcomeModes([0, 60.2, 0.4, 59.8, 61])).toEqual({ low: { n: 2, share: 0.4, median: 0.2 }, high: { n: 3, share: 0.6, median: 60.2 } });
  });

  test('noise around one level, a lone outlier on a small scale, and too few values are not splits', () => {
    expect(outcomeModes([10.1, 10.3, 10.4, 12])).toBeNull(); // the gap is small against the level
    expect(outcomeModes([59, 61])).toBeNull();
    expect(outcomeModes([0, 0, 0, 0, 4], 9000)).toBeNull(); // 4 failures where other points fail thousands
    expect(outcomeModes([0, 0, 0, 0, 4])).not.toBeNull(); // on its own scale it is one
    expect(outcomeModes([1, null])).toBeNull();
    expect(outcomeModes([3, 3, 3])).toBeNull();
  });
});

/** A plan of 2 × 2 × 2 points (fix × drop × duration), 5 seeds, and hand-made results. */
function trigger(): { plan: SweepPlan; results: JobMetrics[] } {
  const axis = (name: string, unit: string, values: (number | string)[], labels: string[]) => ({ name, unit, values, labels });
  const plan: SweepPlan = {
    experiment: 'map',
    description: 'a trigger map',
    model: 'retry-amplification',
    durationS: 150,
    seeds: [1, 2, 3, 4, 5],
    params: {},
    paramText: {},
    axes: [axis('fix', '', ['none', 'shed'], ['none', 'shed']), axis('trigger-drop', 'ratio', [0.6, 0.8], ['60%', '80%']), axis('trigger-duration', 's', [4, 8], ['4s', '8s'])],
    charts: [
      { name: 'map', title: 'Share that recovered', metric: 'recovered', x: 'trigger-duration', type: 'heatmap', y: 'trigger-drop', log: false },
      { name: 'goodput', title: 'goodput', metric: 'goodput_per_s', x: 'trigger-duration', color: 'fix', log: false },
    ],
    checks: [],
  };
  // Recovered per point: none collapses at 80%/8s, splits 3/5 at 60%/8s; shed always recovers.
  const outcome = (fix: number, drop: number, dur: number, seed: number) => (fix === 0 && dur === 1 && (drop === 1 || seed > 3) ? 0 : 1);
  const results: JobMetrics[] = [];
  for (let fix = 0; fix < 2; fix++)
    for (let drop = 0; drop < 2; drop++)
      for (let dur = 0; dur < 2; dur++)
        for (let seed = 1; seed <= 5; seed++) {
          const r = outcome(fix, drop, dur, seed);
          results.push({ recovered: r, goodput_per_s: r ? 60 + seed / 10 : 0.5 });
        }
  return { plan, results };
}

describe('the heatmap chart type', () => {
  test('cells are the share of replications that recovered, labelled k/n, one panel per fix, on a red-to-green scale', async () => {
    const { plan, results } = trigger();
    const files = await sweepOutputFiles(plan, results);
    const spec = JSON.parse(files.get('charts/map.vl.json')!) as { data: { values: Record<string, unknown>[] }; facet: { field: string }; spec: { layer: { encoding: { color: { scale?: unknown } } }[] } };
    expect(spec.facet.field).toBe('panel');
    expect(spec.data.values.filter((c) => c.panel === 'fix=none').map((c) => [c.y, c.x, c.label])).toEqual([
      ['60%', '4s', '5/5'],
      ['60%', '8s', '3/5'],
      ['80%', '4s', '5/5'],
      ['80%', '8s', '0/5'],
    ]);
    expect(spec.spec.layer[0]!.encoding.color.scale).toEqual({ domain: [0, 1], scheme: 'redyellowgreen' });
    const svg = files.get('charts/map.svg')!;
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['3/5', '0/5', 'fix=none', 'fix=shed', 'trigger-drop']) expect(svg).toContain(text);
    // The report carries the same SVG inline.
    expect(files.get('report.html')!).toContain(svg);
  });

  test('a point whose replications split shows the split in the table and as two rings on the line chart', async () => {
    const { plan, results } = trigger();
    const files = await sweepOutputFiles(plan, results);
    const html = files.get('report.html')!;
    expect(html).toContain('split: 40% at 0, 60% at 1');
    expect(html).toContain('split: 40% at 0.5, 60% at 60.2');
    expect(html).toContain('the cell shows the split instead');
    const line = JSON.parse(files.get('charts/goodput.vl.json')!) as { data: { values: Record<string, unknown>[] }; title: { subtitle: string[] } };
    const modes = line.data.values.filter((r) => r.kind === 'mode');
    expect(modes.map((r) => [r.panel, r.label, r.series, r.mean, r.share])).toEqual([
      ['trigger-drop=60%', '8s', 'none', 0.5, 0.4],
      ['trigger-drop=60%', '8s', 'none', 60.2, 0.6],
    ]);
    // No interval is drawn around the mean of the split point.
    const splitMean = line.data.values.find((r) => r.kind === undefined && r.panel === 'trigger-drop=60%' && r.label === '8s' && r.series === 'none')!;
    expect([splitMean.lo, splitMean.hi]).toEqual([null, null]);
    expect(line.title.subtitle[1]).toMatch(/^rings: /);
  });

  test('the same plan and results give the same bytes', async () => {
    const { plan, results } = trigger();
    const a = await sweepOutputFiles(plan, results);
    const b = await sweepOutputFiles(plan, results);
    expect([...a.entries()]).toEqual([...b.entries()]);
  });
});

describe('heatmap entries in experiment files', () => {
  const dir = tempDir('sim-heatmap-');
  const base = 'model: mm-c\nduration: 1m\ngrid:\n  servers: [10, 12]\n  arrival-rate: [70/s, 90/s]\n  service-time: [100ms, 120ms]\n';
  const error = async (chart: string) => {
    try {
      await experimentIn(dir, `${base}charts:\n  - ${chart}\n`);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message.replace(/^.*small\.yaml:/, '');
    }
    throw new Error('no error');
  };

  test('a heatmap needs a second swept parameter as y, different from x, and takes no color or log', async () => {
    expect(await error('{ type: heatmap, metric: wait_mean_s, x: servers }')).toBe('8: charts[0]: a heatmap needs y, a second swept parameter; the grid sweeps: servers, arrival-rate, service-time');
    expect(await error('{ type: heatmap, metric: wait_mean_s, x: servers, y: cores }')).toBe("8: charts[0].y: 'cores' is not a swept parameter; the grid sweeps: servers, arrival-rate, service-time");
    expect(await error('{ type: heatmap, metric: wait_mean_s, x: servers, y: servers }')).toBe('8: charts[0].y: must differ from x');
    expect(await error('{ type: heatmap, metric: wait_mean_s, x: servers, y: arrival-rate, color: service-time }')).toMatch(/^8: charts\[0\]\.color: a heatmap colours cells by the metric/);
    expect(await error('{ metric: wait_mean_s, x: servers, y: arrival-rate }')).toBe('8: charts[0].y: only a heatmap has y; add type: heatmap, or use color for a line per value');
    expect(await error('{ type: contour, metric: wait_mean_s }')).toMatch(/^8: charts\[0\]\.type: must be line or heatmap/);
  });

  test('the trigger map experiment loads: a heatmap of recovered by duration and drop, a panel per fix', async () => {
    const exp = await loadExperiment(join(import.meta.dirname, '..', 'experiments', 'retry-amplification-trigger-map.yaml'));
    expect(exp.plan.axes.map((a) => a.name)).toEqual(['fix', 'trigger-drop', 'trigger-duration']);
    expect(exp.plan.charts[0]).toMatchObject({ type: 'heatmap', metric: 'recovered', x: 'trigger-duration', y: 'trigger-drop' });
    expect(exp.plan.seeds).toHaveLength(5);
  });
});
