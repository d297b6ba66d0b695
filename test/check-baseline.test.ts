import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BaselineStore } from '../src/check/baseline-store.ts';
import type { FileOutcome } from '../src/check/check-row.ts';
import { InProcessBackend } from '../src/check/in-process-backend.ts';
import { loadCheckFile } from '../src/check/load-check-file.ts';
import { runChecks } from '../src/check/run-checks.ts';
import { ROOT, tempDir } from './helpers/cli.ts';

const fixture = (name: string) => join(ROOT, 'test/fixtures/check', name);

/** A check file in its own directory with only thresholds nobody crosses and a baseline entry. */
function checkFile(dir: string, model: string, extra = ''): string {
  const file = join(dir, 'herd.yaml');
  writeFileSync(
    file,
    [`model: ${fixture(model)}`, 'duration: 1h20m', 'grid:', '  jitter: [0, 15m]', 'checks:', '  - expect: jobs_done > 0', `  - baseline: { tolerance: 5%${extra} }`, ''].join('\n'),
  );
  return file;
}

async function run(file: string, baseline: string, updateBaseline = false): Promise<FileOutcome> {
  const [outcome] = await runChecks([await loadCheckFile(file)], { backend: new InProcessBackend(), baseline: BaselineStore.read(baseline), updateBaseline });
  return outcome!;
}

const baselineRows = (o: FileOutcome) => o.rows.filter((r) => r.kind === 'baseline').map((r) => [r.check, r.expected, r.actual, r.verdict]);

describe('sim check baselines', () => {
  test('--update-baseline records every metric of every point, and an unchanged model then passes', async () => {
    const dir = tempDir('sim-baseline-');
    const baseline = join(dir, 'baseline.json');
    const file = checkFile(dir, 'herd.ts');
    expect(baselineRows(await run(file, baseline))).toEqual([['baseline', `a record in ${baseline}`, 'none recorded', 'new']]);
    expect(baselineRows(await run(file, baseline, true))).toEqual([['baseline', `recorded in ${baseline}`, '2 points × 4 metrics', 'updated']]);
    const stored = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(stored.files['herd.yaml']).toEqual({
      model: 'check-herd',
      duration_s: 4800,
      seeds: [1],
      params: { jobs: 600, servers: 10, 'service-time': 0.5 },
      points: {
        'jitter=0s': { jobs_done: 600, wait_p99_s: 28.125, wait_p99_s_worst_minute: 28.125, wait_max_s: 28.69053 },
        'jitter=15m': expect.objectContaining({ jobs_done: 600 }),
      },
    });
    expect(baselineRows(await run(file, baseline))).toEqual([
      ['baseline [jitter=0s]', '4 metrics within 5%', 'unchanged', 'pass'],
      ['baseline [jitter=15m]', '4 metrics within 5%', 'unchanged', 'pass'],
    ]);
  });

  test('a behaviour change that crosses no threshold is caught as drift, metric by metric', async () => {
    const dir = tempDir('sim-baseline-');
    const baseline = join(dir, 'baseline.json');
    await run(checkFile(dir, 'herd.ts'), baseline, true);
    // Same name, parameters and check file; service 30% slower inside the model.
    const o = await run(checkFile(dir, 'herd-slower.ts'), baseline);
    expect(o.rows[0]).toMatchObject({ kind: 'expect', verdict: 'pass' });
    expect(baselineRows(o).filter((r) => r[0] === 'baseline [jitter=0s]')).toEqual([
      ['baseline [jitter=0s]', 'wait_p99_s 28.125 ± 5%', '36.75 (+30.7%)', 'fail'],
      ['baseline [jitter=0s]', 'wait_p99_s_worst_minute 28.125 ± 5%', '36.75 (+30.7%)', 'fail'],
      ['baseline [jitter=0s]', 'wait_max_s 28.69053 ± 5%', '37.29769 (+30%)', 'fail'],
    ]);
    expect(o.rows.find((r) => r.verdict === 'fail')!.note).toBe(
      `wait_p99_s at jitter=0s moved from the baseline: expected wait_p99_s 28.125 ± 5%, got 36.75 (+30.7%); if intended, run sim check --update-baseline and commit ${baseline}`,
    );
  });

  test('per-metric tolerances, relative or absolute, and ignored metrics let a known change pass', async () => {
    const dir = tempDir('sim-baseline-');
    const baseline = join(dir, 'baseline.json');
    await run(checkFile(dir, 'herd.ts'), baseline, true);
    const tolerant = checkFile(dir, 'herd-slower.ts', ', metrics: { wait_p99_s: 35%, wait_p99_s_worst_minute: { absolute: 9 } }, ignore: [wait_max_s]');
    const rows = baselineRows(await run(tolerant, baseline));
    expect(rows.filter((r) => r[3] === 'fail')).toEqual([]);
    expect(rows[0]).toEqual(['baseline [jitter=0s]', '3 metrics within their tolerances', 'largest change wait_p99_s 31%', 'pass']);
  });

  test('a changed run length or parameter is reported once instead of as drift in every metric', async () => {
    const dir = tempDir('sim-baseline-');
    const baseline = join(dir, 'baseline.json');
    const file = checkFile(dir, 'herd.ts');
    await run(file, baseline, true);
    writeFileSync(file, readFileSync(file, 'utf8').replace('duration: 1h20m', 'duration: 1h30m\nparams: { servers: 12 }'));
    expect(baselineRows(await run(file, baseline))).toEqual([['baseline', 'recorded with duration 1h20m, servers=10', 'now duration 1h30m, servers=12', 'fail']]);
  });

  test('updating one file keeps the records of the others', async () => {
    const dir = tempDir('sim-baseline-');
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, JSON.stringify({ version: 1, files: { 'other.yaml': { model: 'mm-c', duration_s: 1, seeds: [1], params: {}, points: {} } } }));
    await run(checkFile(dir, 'herd.ts'), baseline, true);
    expect(Object.keys(JSON.parse(readFileSync(baseline, 'utf8')).files)).toEqual(['herd.yaml', 'other.yaml']);
  });
});
