import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sim, tempDir } from './helpers/cli.ts';

describe("a user's own model file", () => {
  test('runs by path, importing the public API as `sim`, with its own flags and help', () => {
    const out = join(tempDir(), 'mine');
    const r = sim(['run', 'examples/my-model.ts', '--workers', '4', '--duration', '5m', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.model).toBe('my-model');
    expect(s.params.workers).toBe(4);
    expect(s.params.service).toBe('lognormal(0.12, 0.06)');
    expect(s.metrics.jobs).toBeGreaterThan(5000);
    const help = sim(['run', 'examples/my-model.ts', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--workers\s+3 workers\s+integer 1\.\.\s+worker processes/);
  });
});
