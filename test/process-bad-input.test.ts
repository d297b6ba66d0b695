import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { acquire, hold, ModelError, Resource, runModel, spawn } from '../src/index.ts';
import crash from './fixtures/process/crash.ts';
import { env } from './helpers/process-env.ts';
import { ROOT, sim, tempDir } from './helpers/cli.ts';
import { experimentIn } from './sweep-fixtures.ts';

const HERE = 'test/process-bad-input.test.ts';

function errorOf(f: () => void): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('bad input in a process-style model: one line, exit 2, the model file and line', () => {
  test('sim run on a model whose process yields a number names the file and line of the yield', () => {
    const out = tempDir();
    const r = sim(['run', 'test/fixtures/process/bad-yield.ts', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'sim: test/fixtures/process/bad-yield.ts:13: a process yielded number 42, which is not a simulation command; wait with yield* and a command, e.g. yield* hold(1), yield* acquire(pool)\n',
    );
  });

  test('sim run on a model that holds for a negative time names the file and line of the hold', () => {
    const r = sim(['run', 'test/fixtures/process/negative-hold.ts', '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('sim: test/fixtures/process/negative-hold.ts:12: hold(-2): a hold must be >= 0 seconds\n');
  });

  test("an error in the model's own process code is reported at its line", () => {
    const e = errorOf(() => runModel(crash));
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toBe("test/fixtures/process/crash.ts:13: TypeError: Cannot read properties of undefined (reading 'id')");
  });

  test('a command given to plain `yield` (not `yield*`) is caught, with a hint', () => {
    const ctx = env();
    // @ts-expect-error TypeScript rejects a body that yields a command instead of delegating to it
    spawn(ctx, (function* () {
      yield hold(1);
    })());
    const e = errorOf(() => ctx.sim.run());
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toMatch(new RegExp(`^${HERE}:\\d+: a process yielded a generator or command with plain \`yield\`; use \`yield\\*\` to run it`));
  });

  test('a command run outside any process, a bad timeout and spawn of a function are errors at the calling line', () => {
    const ctx = env();
    const r = new Resource(ctx, { name: 'r', capacity: 1 });
    expect(errorOf(() => hold(1).next()).message).toMatch(/hold\(1\) ran outside a process/);
    expect(errorOf(() => acquire(r, { timeoutS: -1 })).message).toMatch(new RegExp(`^${HERE}:\\d+: acquire: timeoutS must be >= 0 seconds`));
    function* body() {}
    // @ts-expect-error spawn takes a generator, not the function
    expect(errorOf(() => spawn(ctx, body)).message).toMatch(/call the generator function: spawn\(ctx, body\(\)\)/);
  });
});

describe('arrival schedules from flags and experiment files', () => {
  test('a malformed --arrivals schedule is one line naming the flag, exit 2, nothing written', () => {
    const out = join(tempDir(), 'never');
    const r = sim(['run', 'examples/my-model.ts', '--arrivals', '20/s; 10m 40/s', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim: --arrivals: entry 2 \('10m 40\/s'\) needs a time, e\.g\. '20s: 80\/s' in '20\/s; 10m 40\/s'; forms: .*\n$/);
    expect(existsSync(out)).toBe(false);
  });

  test('an experiment file sweeps arrival schedules, and a malformed one names the file and line', async () => {
    const dir = tempDir('sim-sweep-');
    const model = relative(dir, join(ROOT, 'examples', 'my-model.ts'));
    const exp = await experimentIn(dir, `model: ${model}\nduration: 1m\ngrid:\n  arrivals: ['20/s', '20/s; 30s: 40/s -> 10/s; 50s: 10/s']\n`, 'load.yaml');
    expect(exp.plan.axes[0]!.values).toEqual(['20/s', '20/s; 30s: 40/s -> 10/s; 50s: 10/s']);
    await expect(experimentIn(dir, `model: ${model}\nduration: 1m\ngrid:\n  arrivals: ['20/s', '20/s; 30s: 40/s -> 10/s']\n`, 'bad.yaml')).rejects.toThrow(
      /bad\.yaml:4: grid\.arrivals\[1\]: the last entry ramps to 10\/s but nothing says when it gets there/,
    );
  });
});
