import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { codeHash, jobKey } from '../src/sweep/code-hash.ts';
import { resumeCacheDir, runSweep } from '../src/sweep/run-sweep.ts';
import { SweepInterrupted } from '../src/sweep/thread-pool.ts';
import { readTree, ROOT, tempDir } from './helpers/cli.ts';
import { experimentIn } from './sweep-fixtures.ts';

const SWEEP = `model: mm-c
duration: 3m
replications: 2
grid:
  arrival-rate: [60/s, 75/s, 90/s]
  servers: [10, 12]
charts:
  - { metric: p_wait_ratio, color: servers }
`;

function cacheLines(out: string): number {
  const file = join(resumeCacheDir(out), 'runs.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}

/** Runs the sweep in a child process and kills it with SIGKILL once `after` runs are cached. */
async function killMidway(experiment: string, out: string, after: number): Promise<number> {
  const script = join(out, '..', 'child.mts');
  writeFileSync(
    script,
    `import { loadExperiment } from ${JSON.stringify(join(ROOT, 'src/sweep/experiment.ts'))};
import { runSweep } from ${JSON.stringify(join(ROOT, 'src/sweep/run-sweep.ts'))};
await runSweep(await loadExperiment(process.argv[2]), { out: process.argv[3], threads: 1 });
`,
  );
  const child = spawn(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), script, experiment, out], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for (let i = 0; i < 6000 && cacheLines(out) < after && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGKILL');
  await exited;
  return cacheLines(out);
}

// Cache keys hash the model's source and every local module it imports. In a working tree
// where others edit src/ while tests run, a file can change between two runs of one test,
// which rightly invalidates the cache; a retry absorbs that, a real defect fails every time.
const SHARED_TREE = { retry: 2 };

describe('an interrupted sweep resumes where it stopped', () => {
  test('after kill -9, running again skips the finished runs and writes the same bytes as an uninterrupted sweep', SHARED_TREE, async () => {
    const dir = tempDir('sim-sweep-');
    const exp = await experimentIn(dir, SWEEP);
    await runSweep(exp, { out: join(dir, 'whole'), threads: 2 });

    const out = join(dir, 'killed');
    const kept = await killMidway(exp.file, out, 3);
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(12);
    expect(existsSync(out)).toBe(false);
    // A kill can also land in the middle of writing a line; that run is simply redone.
    appendFileSync(join(resumeCacheDir(out), 'runs.jsonl'), '{"key":"0123","metr');

    const resumed = await runSweep(exp, { out, threads: 2 });
    expect(resumed.runsCached).toBe(kept);
    expect(readTree(out)).toEqual(readTree(join(dir, 'whole')));
    expect(existsSync(resumeCacheDir(out))).toBe(false);
  });

  test('Ctrl-C (an abort) keeps finished runs, which only an identical run reuses', SHARED_TREE, async () => {
    const dir = tempDir('sim-sweep-');
    const exp = await experimentIn(dir, SWEEP);
    const out = join(dir, 'out');
    const ctl = new AbortController();
    // One thread runs jobs in index order: runs 0 and 1 are arrival-rate 60/s, 10 servers, seeds 1 and 2.
    const run = runSweep(exp, { out, threads: 1, signal: ctl.signal, onProgress: (p) => p.runsDone >= 2 && ctl.abort() });
    await expect(run).rejects.toThrow(SweepInterrupted);
    expect(existsSync(out)).toBe(false);
    expect(cacheLines(out)).toBeGreaterThanOrEqual(2);

    /** Runs found in the cache for a variant of the experiment (stopped before running any). */
    const cachedFor = async (text: string, name: string) => {
      const stop = new AbortController();
      let cached = -1;
      const variant = await experimentIn(dir, text, name);
      await runSweep(variant, { out, threads: 1, signal: stop.signal, onProgress: (p) => ((cached = p.runsCached), stop.abort()) }).catch((e: unknown) => {
        if (!(e instanceof SweepInterrupted)) throw e;
      });
      return cached;
    };
    const first = SWEEP.replace('[60/s, 75/s, 90/s]', '[60/s]').replace('[10, 12]', '[10]');
    expect(await cachedFor(first.replace('duration: 3m', 'duration: 3m\nparams:\n  service-time: 90ms'), 'other-param.yaml')).toBe(0);
    expect(await cachedFor(first.replace('duration: 3m', 'duration: 4m'), 'other-duration.yaml')).toBe(0);
    expect(await cachedFor(first.replace('replications: 2', 'seeds: [2, 3]'), 'other-seeds.yaml')).toBe(1);
    // Everything cached: nothing runs, and the outputs are written from the cache.
    expect(await cachedFor(first, 'same.yaml')).toBe(2);
    expect(existsSync(join(out, 'sweep.csv'))).toBe(true);
  });

  test('the cache key changes with the model file, every parameter, the run length and the seed', () => {
    const dir = tempDir('sim-sweep-');
    const model = join(dir, 'm.mts');
    writeFileSync(model, 'export default 1;\n');
    const a = codeHash(model);
    writeFileSync(model, 'export default 2;\n');
    expect(codeHash(model)).not.toBe(a);
    const base = jobKey(a, 'mm-c', { servers: 10, 'arrival-rate': 90 }, 300, 1);
    expect(jobKey(a, 'mm-c', { 'arrival-rate': 90, servers: 10 }, 300, 1)).toBe(base);
    for (const other of [
      jobKey(codeHash(model), 'mm-c', { servers: 10, 'arrival-rate': 90 }, 300, 1),
      jobKey(a, 'mm-c', { servers: 11, 'arrival-rate': 90 }, 300, 1),
      jobKey(a, 'mm-c', { servers: 10, 'arrival-rate': 90 }, 301, 1),
      jobKey(a, 'mm-c', { servers: 10, 'arrival-rate': 90 }, 300, 2),
    ]) {
      expect(other).not.toBe(base);
    }
  });
});
