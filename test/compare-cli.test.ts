import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import mmcModel from '../models/mm-c.ts';
import { compareRuns } from '../src/compare/comparison.ts';
import { readRunArg } from '../src/compare/read-run-dir.ts';
import { runModel } from '../src/model/run-model.ts';
import { findings } from '../src/report/findings.ts';
import { writeOutDir } from '../src/report/output-dir.ts';
import { reproduceCommand } from '../src/report/reproduce-command.ts';
import { runDataFiles } from '../src/report/run-data-files.ts';
import { runHere } from './bad-input/harness.ts';
import { readTree, tempDir } from './helpers/cli.ts';
import { writeHerdRunData, writeSmallSweep } from './helpers/report-fixtures.ts';

// The command runs in this process (runCli), as the user's shell would run it but without a
// Node start-up each; the real binary is exercised by the bad-input, package and browser tests.

describe('sim compare', () => {
  const dir = tempDir('sim-compare-');
  const incident = join(dir, 'incident');
  const fixed = join(dir, 'fixed');
  const mmc = join(dir, 'mmc');
  let sweep = '';

  beforeAll(async () => {
    // compare reads a run's data files (run.json, timeseries.csv): charts and pages are not needed here.
    writeHerdRunData(incident);
    writeHerdRunData(fixed, { jitter: '15m' });
    const r = runModel(mmcModel, { durationS: 120 });
    writeOutDir(mmc, runDataFiles(r, findings(r), '00:00', null, reproduceCommand(r)));
    sweep = await writeSmallSweep(dir, true);
  });

  test('thundering-herd with and without jitter: both p99 series on one chart, the ratio in the table', async () => {
    const out = join(dir, 'herd');
    const r = await runHere(['compare', incident, fixed, '--out', out], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^compare: jitter=0s vs jitter=15m {2}\(differ: jitter\)\n/);
    const doc = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(doc.params_differ).toEqual(['jitter']);
    const p99 = doc.metrics.find((m: { name: string }) => m.name === 'api_latency_p99_ms_worst_minute');
    expect(p99.values[0]).toBeGreaterThan(5000); // API requests time out at :00 (the 10 s acquire timeout)
    expect(p99.values[1]).toBeLessThan(1000);
    expect(p99.ratios[1]).toBe(Number((p99.values[1] / p99.values[0]).toPrecision(7)));
    expect(p99.deltas).toEqual([0, Number((p99.values[1] - p99.values[0]).toPrecision(7))]);
    expect(r.stdout).toMatch(/api_latency_p99_ms_worst_minute +\d{1,2},\d{3} +\d+ +×0\.0\d+\n/);
    // One chart, both runs' p99 lines: colour by run, dash by statistic.
    const chart = JSON.parse(readFileSync(join(out, 'charts', 'api-latency.vl.json'), 'utf8'));
    const lines = new Set(chart.data.values.map((v: { series: string }) => v.series));
    expect([...lines].sort()).toEqual(['jitter=0s · p50', 'jitter=0s · p99', 'jitter=15m · p50', 'jitter=15m · p99']);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<tr class="differs"><td><code>jitter</code></td><td>0s</td><td>15m</td></tr>');
    expect(html).toMatch(/×0\.0\d+/);
    const csv = readFileSync(join(out, 'compare.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('metric,run,label,value,delta,ratio');
    expect(csv).toContain(`api_latency_p99_ms_worst_minute,2,jitter=15m,${p99.values[1]},${p99.deltas[1]},${p99.ratios[1]}`);
  });

  test('--json prints compare.json with the output directory; the same runs give the same bytes', async () => {
    const a = await runHere(['compare', incident, fixed, '--out', join(dir, 'j1'), '--json'], dir);
    expect(a.code).toBe(0);
    const doc = JSON.parse(a.stdout);
    expect(doc.out).toBe(join(dir, 'j1'));
    expect(doc.runs.map((x: { label: string }) => x.label)).toEqual(['jitter=0s', 'jitter=15m']);
    expect({ ...doc, out: undefined }).toEqual({ ...JSON.parse(readFileSync(join(dir, 'herd', 'compare.json'), 'utf8')), out: undefined });
    expect(readTree(join(dir, 'j1'))).toEqual(readTree(join(dir, 'herd')));
  });

  test('a sweep kept with --keep-series feeds compare: its points, or the whole sweep', async () => {
    const points = readRunArg(sweep);
    expect(points.map((p) => p.dir)).toEqual(['1-servers=10_service-time=100ms', '2-servers=10_service-time=105ms', '3-servers=12_service-time=100ms', '4-servers=12_service-time=105ms'].map((d) => join(sweep, 'points', d)));
    expect(compareRuns([points[0]!, points[2]!]).runs.map((r) => r.label)).toEqual(['servers=10', 'servers=12']);
    const all = await runHere(['compare', sweep, '--out', join(dir, 'all'), '--json'], dir);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout).runs.map((r: { label: string }) => r.label)).toEqual([
      // In the model's order of parameters.
      'service-time=100ms servers=10',
      'service-time=105ms servers=10',
      'service-time=100ms servers=12',
      'service-time=105ms servers=12',
    ]);
  });

  test('runs of different models compare only with --allow-different-models', async () => {
    const r = await runHere(['compare', incident, mmc, '--out', join(dir, 'models'), '--allow-different-models'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^compare: thundering-herd/);
  });
  // Bad input to compare, --start and --zoom: test/bad-input/cases.ts.
});
