// scripts/alloc-sites.mjs lists where optimised code allocates: here, a function compiled on
// its own that returns a double (which V8 boxes on the heap), and none for one returning an
// integer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

test('alloc-sites names the line that boxes a returned double, and nothing for a returned integer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-alloc-sites-test-'));
  const script = join(dir, 'boxes.mjs');
  writeFileSync(
    script,
    [
      'function half(x) { return x / 2 + 0.25; }',
      'function twice(n) { return (n * 2) | 0; }',
      'let s = 0;',
      'for (let i = 0; i < 300000; i++) s += half(i) + twice(i);',
      'if (s < 0) console.log(s);',
    ].join('\n'),
  );
  const r = spawnSync(process.execPath, ['scripts/alloc-sites.mjs', '--', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  // (The line is the function's own source, from its parameters on.)
  expect(r.stdout).toMatch(/^half-\d+: 1 allocation site\(s\)\n {2}half: \(x\) \{ return x \/ 2 \+ 0\.25; \} {3}\(uses: Return, StoreField\)$/m);
  expect(r.stdout).not.toMatch(/^twice-/m);
});

test('alloc-sites without a script prints its usage and exits 2', () => {
  const r = spawnSync(process.execPath, ['scripts/alloc-sites.mjs'], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^usage: node scripts\/alloc-sites\.mjs/);
});
