// npm run bench is never a test gate, but its inputs are checked like the CLI's: a bad one ends
// it at once with one line and exit 2, before any section runs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function bench(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['bin/run-ts.mjs', 'bench/bench.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
}

test.each([
  ['a flag Node does not know', '--no-such-flag-for-sim'],
  ['a V8 flag with a value of the wrong type', '--max-inlined-bytecode-size-cumulative=abc'],
])('SIM_BENCH_NODE_FLAGS with %s: exit 2, one line naming the variable and Node\'s reason, no section run', (_, flags) => {
  const r = bench(['mm-c'], { SIM_BENCH_NODE_FLAGS: flags });
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^bench: SIM_BENCH_NODE_FLAGS='${flags}': Node does not start with it \\(.*${flags.split('=')[0]}.*\\)$`));
});

test('an unknown section: exit 2, one line listing the sections', () => {
  const r = bench(['no-such-section']);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim()).toBe("bench: unknown section 'no-such-section'; sections: micro, mm-c, event-set, process, memory, day, sweep");
});
