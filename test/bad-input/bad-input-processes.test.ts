import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadExperiment } from '../../src/sweep/experiment.ts';
import { type BadInput, badInputs, type ShardSource } from './cases.ts';
import { type Outcome, ROOT, runProcess, snapshot } from './harness.ts';

// The cases that once ran away (forever, or into gigabytes) or that need the real loader and
// worker threads, as real processes: exit code 2, one line, nothing left behind, within 10 s
// of CPU time and 300 MB of memory. CPU time, not wall time: the machine may be loaded.

const CPU_MS = 10_000;
const RSS_KB = 300 * 1024;
const PARALLEL = 4;

const shards: ShardSource = {} as ShardSource;
const cases = badInputs(shards).filter((c) => c.spawn);
const root = mkdtempSync(join(tmpdir(), 'sim-bad-input-proc-'));
const outcomes = new Map<string, Promise<{ r: Outcome; before: string[]; work: string }>>();

beforeAll(async () => {
  const file = join(root, 'e.yaml');
  writeFileSync(file, 'model: mm-c\nduration: 2m\nparams:\n  service-time: 100ms\ngrid:\n  servers: [10, 12]\n');
  shards.exp = await loadExperiment(file);
  // Start every process now, a few at a time; each test awaits its own.
  let running = 0;
  const queue: (() => void)[] = [];
  const slot = () => (running < PARALLEL ? (running++, Promise.resolve()) : new Promise<void>((go) => queue.push(() => (running++, go()))));
  const done = () => (running--, queue.shift()?.());
  for (const c of cases) {
    outcomes.set(
      c.name,
      slot().then(async () => {
        try {
          const work = mkdtempSync(join(root, 'case-'));
          c.setup?.(work);
          const before = snapshot(work);
          return { r: await runProcess(c.args, work, c.env), before, work };
        } finally {
          done();
        }
      }),
    );
  }
});

describe('bad input as real processes: exit 2, one line, nothing left behind, bounded CPU time and memory', () => {
  test('a representative set: runaway runs, huge grids, YAML bombs, special paths, failing user models, every command', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(new Set(cases.map((c) => c.args[0]))).toEqual(new Set(['run', 'sweep', 'plan']));
  });

  for (const c of cases as BadInput[]) {
    test(c.name, async () => {
      const { r, before, work } = await outcomes.get(c.name)!;
      expect({ code: r.code, stderr: r.stderr.trimEnd() }).toEqual({ code: 2, stderr: expect.stringMatching(c.stderr) as unknown });
      expect(r.stderr.slice(0, -1).split('\n')).toHaveLength(1);
      expect(snapshot(work)).toEqual(before);
      expect(r.cpuMs).toBeLessThan(CPU_MS);
      expect(r.maxRssKb).toBeLessThan(RSS_KB);
    });
  }
});

test('a reader that closes the pipe early (sim list | head -1) stops sim quietly: no stack trace, exit code 0', async () => {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'sim.mjs'), 'list'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // The reading end is closed before sim writes a byte: its first write fails with EPIPE.
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  expect(stderr).toBe('');
  expect(code).toBe(0);
});
