import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadExperiment } from '../../src/sweep/experiment.ts';
import { badInputs, type ShardSource } from './cases.ts';
import { runHere, snapshot } from './harness.ts';

// Every case runs the CLI in this process (runCli), in a fresh working directory: a hundred
// and more bad inputs for the cost of one Node start-up. bad-input-processes.test.ts runs a
// representative few as real processes, under bounds of CPU time and memory.

const shards: ShardSource = {} as ShardSource;
const cases = badInputs(shards);
const root = mkdtempSync(join(tmpdir(), 'sim-bad-input-'));

beforeAll(async () => {
  const file = join(root, 'e.yaml');
  writeFileSync(file, 'model: mm-c\nduration: 2m\nparams:\n  service-time: 100ms\ngrid:\n  servers: [10, 12]\n');
  shards.exp = await loadExperiment(file);
});

describe('bad input: exit code 2, one line on stderr, nothing left behind', () => {
  test('there are at least 100 cases, across every command', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    const commands = new Set(cases.map((c) => c.args[0]));
    for (const c of ['run', 'list', 'describe', 'sweep', 'merge', 'check', 'plan', 'fit', 'schedule']) expect(commands).toContain(c);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const c of cases.filter((x) => x.spawn !== 'only')) {
    test(c.name, async () => {
      const work = mkdtempSync(join(root, 'case-'));
      c.setup?.(work);
      const before = snapshot(work);
      const r = await runHere(c.args, work, c.env);
      expect({ code: r.code, stderr: r.stderr.trimEnd() }).toEqual({ code: 2, stderr: expect.stringMatching(c.stderr) as unknown });
      expect(r.stderr.endsWith('\n')).toBe(true);
      expect(r.stderr.slice(0, -1).split('\n')).toHaveLength(1);
      if (c.stdout) expect(r.stdout).toMatch(c.stdout);
      else expect(r.stdout).toBe('');
      expect(snapshot(work)).toEqual(before);
      // A hang or a runaway run would show here; CPU time does not depend on the machine's load.
      expect(r.cpuMs).toBeLessThan(10_000);
    });
  }
});
