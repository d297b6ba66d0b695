import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import mmc from '../models/mm-c.ts';
import { runModel } from '../src/model/run-model.ts';
import { findings } from '../src/report/findings.ts';
import { reproduceCommand } from '../src/report/reproduce-command.ts';
import { runDataFiles } from '../src/report/run-data-files.ts';
import { runSweep } from '../src/sweep/run-sweep.ts';
import { readTree, tempDir } from './helpers/cli.ts';
import { experimentIn, SMALL_SWEEP } from './sweep-fixtures.ts';

describe('a sweep writes the same bytes whatever the number of threads', () => {
  test('--jobs 1 and --jobs 2 give byte-identical output directories', async () => {
    const dir = tempDir('sim-sweep-');
    const exp = await experimentIn(dir, SMALL_SWEEP);
    const one = await runSweep(exp, { out: join(dir, 'one'), threads: 1 });
    const two = await runSweep(exp, { out: join(dir, 'two'), threads: 2 });
    expect(one.runs).toBe(8);
    expect(two.runsCached).toBe(0);
    const a = readTree(join(dir, 'one'));
    const b = readTree(join(dir, 'two'));
    expect(Object.keys(a)).toEqual([
      'charts/wait_mean_s-vs-arrival-rate-by-servers.svg',
      'charts/wait_mean_s-vs-arrival-rate-by-servers.vl.json',
      'report.html',
      'summary-long.csv',
      'summary.csv',
      'sweep.csv',
      'sweep.json',
    ]);
    expect(b).toEqual(a);
  });

  test('sweep.csv has one row per point and seed, in grid order with the last parameter fastest', async () => {
    const dir = tempDir('sim-sweep-');
    const exp = await experimentIn(dir, SMALL_SWEEP);
    await runSweep(exp, { out: join(dir, 'out'), threads: 2 });
    const rows = readTree(join(dir, 'out'))['sweep.csv']!.trim().split('\n').map((l) => l.split(','));
    expect(rows[0]!.slice(0, 4)).toEqual(['arrival_rate_per_s', 'servers', 'seed', 'customers']);
    expect(rows.slice(1).map((r) => r.slice(0, 3).join(' '))).toEqual(['70 10 1', '70 10 2', '70 12 1', '70 12 2', '90 10 1', '90 10 2', '90 12 1', '90 12 2']);
    // Common random numbers: the same seed sees the same arrivals at every server count.
    const customers = rows.slice(1).map((r) => r[3]);
    expect(customers[0]).toBe(customers[2]);
    expect(customers[1]).toBe(customers[3]);
  });

  test('--keep-series keeps each point\'s first replication as sim run writes its data, the same whatever the threads', async () => {
    const dir = tempDir('sim-sweep-');
    const exp = await experimentIn(dir, SMALL_SWEEP);
    await runSweep(exp, { out: join(dir, 'one'), threads: 1, keepSeries: true, modelRef: 'mm-c' });
    await runSweep(exp, { out: join(dir, 'two'), threads: 2, keepSeries: true, modelRef: 'mm-c' });
    const a = readTree(join(dir, 'one'));
    expect(readTree(join(dir, 'two'))).toEqual(a);
    const kept = Object.keys(a).filter((k) => k.startsWith('points/'));
    expect(kept.filter((k) => k.endsWith('run.json'))).toEqual(['points/1-arrival-rate=70-per-s_servers=10/run.json', 'points/2-arrival-rate=70-per-s_servers=12/run.json', 'points/3-arrival-rate=90-per-s_servers=10/run.json', 'points/4-arrival-rate=90-per-s_servers=12/run.json']);
    const point = 'points/4-arrival-rate=90-per-s_servers=12';
    const r = runModel(mmc, { seed: exp.plan.seeds[0]!, durationS: exp.plan.durationS, params: { 'arrival-rate': 90, servers: 12 } });
    const files = runDataFiles(r, findings(r), '00:00', null, reproduceCommand(r, { modelRef: 'mm-c' }));
    for (const name of ['summary.json', 'timeseries.csv', 'run.json']) expect(a[`${point}/${name}`], name).toBe(files.get(name));
  });
});
