import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseJobs } from '../src/cli/whole-number.ts';
import { loadExperiment } from '../src/sweep/experiment.ts';
import { runSweep } from '../src/sweep/run-sweep.ts';
import { readTree, sim, tempDir } from './helpers/cli.ts';

const TINY = 'model: mm-c\nduration: 1m\nreplications: 2\ngrid:\n  servers: [10, 12]\n';

describe('sim sweep and sim merge on the command line', () => {
  const dir = tempDir('sim-sweep-cli-');
  const good = join(dir, 'tiny.yaml');
  writeFileSync(good, TINY);

  test('a sweep prints where it wrote, with a plain progress line per point when stderr is not a terminal', () => {
    const r = sim(['sweep', good, '--jobs', '2', '--out', join(dir, 'full')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^wrote ${join(dir, 'full')}/ \\(sweep\\.csv, summary\\.csv, 0 charts, report\\.html\\): 2 points, 4 runs, 2 threads, [\\d.]+ s wall time\\n$`));
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^sim sweep: point [12]\/2 done \(servers=1[02]\), [\d.]+ s, ETA \S+$/);
    expect(lines.map((l) => /servers=(\d+)/.exec(l)![1]).sort()).toEqual(['10', '12']);
  });

  test('two shards merged by sim merge equal the full sweep', async () => {
    const exp = await loadExperiment(good);
    for (const i of [1, 2]) await runSweep(exp, { shard: { index: i, count: 2 }, threads: 1, out: join(dir, `s${i}`) });
    const m = sim(['merge', join(dir, 's2'), join(dir, 's1'), '--out', join(dir, 'merged')]);
    expect(m.code).toBe(0);
    expect(readTree(join(dir, 'merged'))).toEqual(readTree(join(dir, 'full')));
  });

  // The rest of the messages are tested through the library (sweep-experiment-errors, sweep-shards).
  const bad: [string, string[], RegExp][] = [
    ['an unknown parameter in the grid', ['sweep', 'BAD'], /^sim: .*bad\.yaml:5: grid\.server: unknown parameter for model mm-c; its parameters are: arrival-rate, service-time, servers\n$/],
    ['a bad --shard', ['sweep', 'GOOD', '--shard', '3/2'], /^sim: --shard 3\/2: the shard number must be between 1 and 2\n$/],
  ];
  for (const [what, args, message] of bad) {
    test(`${what} gives one line and exit code 2`, () => {
      const file = join(dir, 'bad.yaml');
      writeFileSync(file, TINY.replace('servers: [10, 12]', 'server: [10, 12]'));
      const out = join(dir, `out-${what.replace(/\W+/g, '-')}`);
      const r = sim([...args.map((a) => (a === 'BAD' ? file : a === 'GOOD' ? good : a)), '--out', out]);
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      expect(existsSync(out)).toBe(false);
    });
  }

  test('--jobs takes a whole number of threads, the number of cores by default', () => {
    expect(parseJobs('3')).toBe(3);
    expect(parseJobs(undefined)).toBeGreaterThanOrEqual(1);
    expect(() => parseJobs('two')).toThrow("--jobs: 'two' is not a whole number >= 1");
    expect(() => parseJobs('0')).toThrow("--jobs: '0' is not a whole number >= 1");
  });
});
