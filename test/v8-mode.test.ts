// sim's command runs Node with V8 optimising in line (bin/sim.mjs's #! line), so that what V8
// inlines into the engine's per-event paths, and so its speed and allocation, is the same in
// every process (docs/performance.md). The npm scripts that run sim or its benchmarks do too.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const FLAG = '--no-concurrent-recompilation';
const root = new URL('..', import.meta.url);

test("bin/sim.mjs starts Node with the flag when run as a command (its #! line), and the npm scripts that run sim pass it", () => {
  const first = readFileSync(new URL('bin/sim.mjs', root), 'utf8').split('\n')[0];
  expect(first).toBe(`#!/usr/bin/env -S node ${FLAG}`);
  const scripts = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const name of ['sim', 'bench', 'bench:sweep']) expect(scripts[name], name).toContain(`node ${FLAG} `);
});

test('sim runs when started by its #! line (env -S hands the flag to Node, which accepts it)', () => {
  const r = spawnSync(new URL('bin/sim.mjs', root).pathname, ['--version'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
});
