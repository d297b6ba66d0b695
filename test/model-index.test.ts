import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { builtinModelNames, loadModel } from '../src/model/load-model.ts';
import { ROOT, sim } from './helpers/cli.ts';

// npm test builds dist/ first (build --if-stale), so dist/ here is built from these sources.
describe('the compiled package lists its models from dist/models/index.json', () => {
  test('the index holds every built-in model, with the summary the model itself declares', async () => {
    const index = JSON.parse(readFileSync(join(ROOT, 'dist', 'models', 'index.json'), 'utf8')) as { name: string; summary: string }[];
    const models = await Promise.all(builtinModelNames().map((n) => loadModel(n)));
    expect(index).toEqual(models.map((m) => ({ name: m.name, summary: m.summary })));
  });

  test('sim list prints one line per model from it', () => {
    const r = sim(['list']);
    expect(r.code).toBe(0);
    const names = r.stdout.split('\n').filter((l) => /^[a-z]/.test(l) && !l.startsWith('sim ')).map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(builtinModelNames());
  });
});
