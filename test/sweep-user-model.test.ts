import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSweep } from '../src/sweep/run-sweep.ts';
import { ROOT, tempDir } from './helpers/cli.ts';
import { experimentIn } from './sweep-fixtures.ts';

describe("a sweep of a user's own model", () => {
  test('finds the model by a path relative to the experiment file and runs it on worker threads', async () => {
    const dir = tempDir('sim-sweep-');
    const model = relative(dir, join(ROOT, 'examples', 'my-model.ts'));
    const exp = await experimentIn(dir, `model: ${model}\nduration: 1m\nreplications: 2\ngrid:\n  workers: [2, 4]\n`, 'mine.yaml');
    expect(exp.plan.model).toBe('my-model');
    expect(exp.plan.params).toEqual({ rate: 20, service: 'lognormal(0.12, 0.06)' });
    await runSweep(exp, { out: join(dir, 'out'), threads: 2 });
    const rows = readFileSync(join(dir, 'out', 'sweep.csv'), 'utf8').trim().split('\n');
    expect(rows.map((r) => r.split(',').slice(0, 2).join(' '))).toEqual(['workers seed', '2 1', '2 2', '4 1', '4 2']);
  });
});
