import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../src/input-error.ts';
import { runSweep } from '../src/sweep/run-sweep.ts';
import { ROOT, tempDir } from './helpers/cli.ts';
import { experimentIn } from './sweep-fixtures.ts';

describe("a sweep of a user's own model", () => {
  test('finds the model by a path relative to the experiment file and runs it on worker threads', async () => {
    const dir = tempDir('sim-sweep-');
    const model = relative(dir, join(ROOT, 'examples', 'my-model.ts'));
    const exp = await experimentIn(dir, `model: ${model}\nduration: 1m\nreplications: 2\ngrid:\n  workers: [2, 4]\n`, 'mine.yaml');
    expect(exp.plan.model).toBe('my-model');
    expect(exp.plan.params).toEqual({ arrivals: '20/s', service: 'lognormal(0.12, 0.06)' });
    await runSweep(exp, { out: join(dir, 'out'), threads: 2 });
    const rows = readFileSync(join(dir, 'out', 'sweep.csv'), 'utf8').trim().split('\n');
    expect(rows.map((r) => r.split(',').slice(0, 2).join(' '))).toEqual(['workers seed', '2 1', '2 2', '4 1', '4 2']);
  });

  test('a run whose model throws stops the sweep as bad input naming the point, the seed, the model file and line, and writes nothing', async () => {
    const dir = tempDir('sim-sweep-');
    writeFileSync(
      join(dir, 'fragile.mts'),
      `import { defineModel, param } from ${JSON.stringify(join(ROOT, 'src', 'index.ts'))};
export default defineModel({
  name: 'fragile', summary: 'throws for n = 2', duration: '1m',
  params: { n: param.int({ default: 1, description: 'a number' }) },
  build(_ctx, p) {
    if (p.n === 2) throw new Error('n = 2 is not supported');
    return { summary: () => ({ n: p.n }) };
  },
});
`,
    );
    const exp = await experimentIn(dir, 'model: ./fragile.mts\nseeds: [4]\ngrid:\n  n: [1, 2, 3]\n', 'fragile.yaml');
    const failure = runSweep(exp, { out: join(dir, 'out'), threads: 1 });
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toThrow(`run 1 (n=2, seed 4): model fragile failed at ${join(dir, 'fragile.mts')}:6: n = 2 is not supported`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
