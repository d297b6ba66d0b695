import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCheckFile } from '../src/check/load-check-file.ts';
import { InputError } from '../src/input-error.ts';
import { ROOT, sim, tempDir } from './helpers/cli.ts';

const HERD = join(ROOT, 'test/fixtures/check/herd.ts');
const HEAD = [`model: ${HERD}`, 'duration: 10m', 'grid:', '  jitter: [0, 15m]', '  servers: [10, 20]'];

/** Loads a check file made of HEAD plus `lines`; returns the one-line error it gives. */
async function problem(dir: string, lines: string[], head = HEAD): Promise<string> {
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, [...head, ...lines, ''].join('\n'));
  try {
    await loadCheckFile(file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.message.split('\n')).toHaveLength(1);
    return e.message.replace(`${file}:`, 'bad.yaml:');
  }
  throw new Error('the file loaded');
}

describe('malformed check files are refused before anything runs, with one line naming file, line and field', () => {
  const dir = tempDir('sim-check-errors-');

  test('structure: no checks, entries of no known kind, unknown fields, wrong types', async () => {
    expect(await problem(dir, [])).toBe('bad.yaml:1: has no checks; add a checks: list with expect, compare or baseline entries (docs/ci.md shows the format)');
    expect(await problem(dir, ['checks:', '  - duplicates == 0'])).toBe('bad.yaml:7: checks[0]: expected a mapping: - expect: <expression>, - compare: {...} or - baseline: {...}');
    expect(await problem(dir, ['checks:', '  - name: x'])).toBe('bad.yaml:7: checks[0]: a check needs one of expect, compare or baseline');
    expect(await problem(dir, ['checks:', '  - expect: jobs_done > 0', '    wher: { jitter: 0 }'])).toBe('bad.yaml:8: checks[0].wher: unknown field; the fields are: name, where, expect');
    expect(await problem(dir, ['checks:', '  - expect: []'])).toBe('bad.yaml:7: checks[0].expect: the list is empty; give at least one expression');
    expect(await problem(dir, ['checks:', '  - expect: 3'])).toBe('bad.yaml:7: checks[0].expect: expected an expression (e.g. duplicates == 0) or a list of them');
    expect(await problem(dir, ['checks:', '  - expect: jobs_done > 0', '    compare: { metric: x }'])).toBe(
      'bad.yaml:8: checks[0].compare: a check is one of expect, compare or baseline; split expect and compare into separate entries',
    );
  });

  test('expressions: syntax errors give the column, unknown metrics the closest names', async () => {
    expect(await problem(dir, ['checks:', '  - expect:', '      - jobs_done > 0', '      - wait_p99_s = 0'])).toBe(
      "bad.yaml:9: checks[0].expect[1]: '=' is not an operator; use == to test equality (column 12 of 'wait_p99_s = 0')",
    );
    expect(await problem(dir, ['checks:', '  - expect: wait_p99_worst_minute < 5'])).toBe(
      'bad.yaml:7: checks[0].expect: unknown metric \'wait_p99_worst_minute\'; close names: wait_p99_s_worst_minute (model check-herd)',
    );
    expect(await problem(dir, ['checks:', '  - expect: throughput > 5'])).toBe(
      "bad.yaml:7: checks[0].expect: unknown metric 'throughput'; the metrics are: jobs_done, wait_p99_s, wait_p99_s_worst_minute, wait_max_s (model check-herd)",
    );
    expect(await problem(dir, ['checks:', '  - expect: ci_high(wait_p99_s) < 5'])).toBe(
      'bad.yaml:7: checks[0].expect: ci_high needs at least 2 replications to have a confidence interval; set replications: 3 (or more) in this file',
    );
  });

  test('selectors: only swept parameters, only values in the grid', async () => {
    expect(await problem(dir, ['checks:', '  - where: { jobs: 600 }', '    expect: jobs_done > 0'])).toBe(
      "bad.yaml:7: checks[0].where.jobs: not swept in this file's grid; points are selected by the grid's parameters: jitter, servers",
    );
    expect(await problem(dir, ['checks:', '  - where: { jiter: 0 }', '    expect: jobs_done > 0'])).toBe(
      "bad.yaml:7: checks[0].where.jiter: unknown parameter for model check-herd; points are selected by the grid's parameters: jitter, servers",
    );
    expect(await problem(dir, ['checks:', '  - where: { jitter: 5m }', '    expect: jobs_done > 0'])).toBe('bad.yaml:7: checks[0].where.jitter: jitter=5m is not in the grid; its values are: 0s, 15m');
    expect(await problem(dir, ['checks:', '  - where: { jitter: 5x }', '    expect: jobs_done > 0'])).toMatch(/^bad\.yaml:7: checks\[0\]\.where\.jitter: malformed duration '5x'/);
  });

  test('comparisons: one bound, a candidate that differs from the baseline', async () => {
    const compare = (body: string) => problem(dir, ['checks:', `  - compare: { metric: wait_p99_s, baseline: { jitter: 0 }, ${body} }`]);
    expect(await compare('candidate: { jitter: 15m }')).toBe("bad.yaml:7: checks[0].compare: give exactly one of ratio_at_least (e.g. 10 for 10×) or difference_at_least (in the metric's unit)");
    expect(await compare('candidate: { jitter: 15m }, ratio_at_least: 10, difference_at_least: 1')).toMatch(/^bad\.yaml:7: checks\[0\]\.compare: give exactly one of/);
    expect(await compare('candidate: { jitter: 0 }, ratio_at_least: 10')).toBe('bad.yaml:7: checks[0].compare.candidate: selects the same grid point as the baseline; give it a different value');
    expect(await compare('candidate: { jitter: 15m }, ratio_at_least: -1')).toBe('bad.yaml:7: checks[0].compare.ratio_at_least: must be greater than 0');
    expect(await compare('candidate: { jitter: 15m }, better: smaller, ratio_at_least: 2')).toBe('bad.yaml:7: checks[0].compare.better: expected lower or higher');
  });

  test('baselines: tolerances and metric names', async () => {
    expect(await problem(dir, ['checks:', '  - baseline: { tolerance: five percent }'])).toBe(
      "bad.yaml:7: checks[0].baseline.tolerance: 'five percent' is not a tolerance; write a percentage like 5% or a number like 3",
    );
    expect(await problem(dir, ['checks:', '  - baseline: { metrics: { wait_p99: 5% } }'])).toBe("bad.yaml:7: checks[0].baseline.metrics.wait_p99: unknown metric 'wait_p99'; close names: wait_p99_s, wait_p99_s_worst_minute");
    expect(await problem(dir, ['checks:', '  - baseline: {}', '  - baseline: false'])).toBe('bad.yaml:8: checks[1]: a second baseline entry; give the baseline settings once per file');
  });

  test('through the CLI: exit 2, one line on stderr, nothing on stdout', () => {
    const file = join(dir, 'cli-bad.yaml');
    writeFileSync(file, [...HEAD, 'checks:', '  - expect: api_latency_p99_ms < 500', ''].join('\n'));
    const r = sim(['check', file, '--baseline', join(dir, 'b.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`sim: ${file}:7: checks[0].expect: unknown metric 'api_latency_p99_ms'; the metrics are: jobs_done, wait_p99_s, wait_p99_s_worst_minute, wait_max_s (model check-herd)\n`);
  });
});
