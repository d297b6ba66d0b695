import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../src/input-error.ts';
import { loadExperiment } from '../src/sweep/experiment.ts';
import { runSweep } from '../src/sweep/run-sweep.ts';
import { tempDir } from './helpers/cli.ts';
import { experimentIn, SMALL_SWEEP } from './sweep-fixtures.ts';

const dir = tempDir('sim-sweep-');

/** The one-line message loadExperiment gives for a file with this text. */
async function errorFor(text: string): Promise<string> {
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, text);
  try {
    await loadExperiment(file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const msg = (e as Error).message;
    expect(msg.split('\n')).toHaveLength(1);
    return msg.replace(file, 'bad.yaml');
  }
  throw new Error('no error');
}

const GOOD = 'model: mm-c\nduration: 2m\ngrid:\n  servers: [10, 12]\n';

describe('a bad experiment file gives one line naming the file, the line and the field', () => {
  test('a missing file', async () => {
    await expect(loadExperiment('no-such-experiment.yaml')).rejects.toThrow("experiment file 'no-such-experiment.yaml' does not exist");
  });

  test('an unknown model', async () => {
    expect(await errorFor('description: x\nmodel: no-such-model\ngrid:\n  servers: [1]\n')).toMatch(
      /^bad\.yaml:2: model: unknown model 'no-such-model'; built-in models: .*mm-c.* \(or give a path to a model file, e\.g\. \.\/my-model\.ts\)$/,
    );
    expect(await errorFor('model: ./missing.ts\ngrid:\n  servers: [1]\n')).toBe("bad.yaml:1: model: model file './missing.ts' does not exist");
  });

  test('an unknown parameter, in the grid or among the fixed ones', async () => {
    expect(await errorFor(`${GOOD}  server: [1]\n`)).toBe('bad.yaml:5: grid.server: unknown parameter for model mm-c; its parameters are: arrival-rate, service-time, servers');
    expect(await errorFor(`${GOOD}params:\n  arrival-rate: 80/s\n  jitter: 5m\n`)).toBe('bad.yaml:7: params.jitter: unknown parameter for model mm-c; its parameters are: arrival-rate, service-time, servers');
  });

  test('a value of the wrong type, pointing at the value', async () => {
    expect(await errorFor('model: mm-c\ngrid:\n  servers:\n    - 10\n    - ten\n')).toBe("bad.yaml:5: grid.servers[1]: 'ten' is not a whole number");
    expect(await errorFor('model: mm-c\ngrid:\n  servers: [10, 2.5]\n')).toBe("bad.yaml:3: grid.servers[1]: '2.5' is not a whole number");
    expect(await errorFor('model: mm-c\ngrid:\n  servers: [0]\n')).toBe('bad.yaml:3: grid.servers[0]: 0 is below the minimum 1 (allowed: 1..100000)');
    expect(await errorFor(`${GOOD}params:\n  arrival-rate: fast\n`)).toBe(
      "bad.yaml:6: params.arrival-rate: malformed rate 'fast'; use a count per unit: 100/s, 30/m, 5000/h, 2/d",
    );
    expect(await errorFor(`${GOOD}replications: many\n`)).toBe("bad.yaml:5: replications: expected a whole number, got 'many'");
    expect(await errorFor('model: mm-c\ngrid:\n  servers: 10\n')).toBe(
      'bad.yaml:3: grid.servers: expected a list of values ([a, b, c]) or a range ({from, to, step} or {from, to, steps})',
    );
  });

  test('an empty grid', async () => {
    expect(await errorFor('model: mm-c\ngrid: {}\n')).toBe('bad.yaml:2: grid: the grid is empty; list at least one parameter with its values, e.g. servers: [8, 10, 12]');
    expect(await errorFor('model: mm-c\ngrid:\n  servers: []\n')).toBe('bad.yaml:3: grid.servers: the list is empty; give at least one value');
    expect(await errorFor('model: mm-c\n')).toBe('bad.yaml:1: grid: missing; expected a mapping (name: value lines)');
  });

  test('a bad duration, for the run or for a swept parameter', async () => {
    expect(await errorFor('model: mm-c\nduration: 2 hours\ngrid:\n  servers: [1]\n')).toBe(
      "bad.yaml:2: duration: malformed duration '2 hours'; use a number with a unit: 250ms, 15m, 1h30m, 2d (units us, ms, s, m, h, d)",
    );
    expect(await errorFor('model: mm-c\nduration: 0s\ngrid:\n  servers: [1]\n')).toBe('bad.yaml:2: duration: must be longer than 0; use e.g. 30m, 6h');
    expect(await errorFor('model: mm-c\ngrid:\n  service-time: [100ms, 2x]\n')).toMatch(/^bad\.yaml:3: grid\.service-time\[1\]: malformed duration '2x'; use a number with a unit/);
  });

  test('structural mistakes: unknown fields, bad YAML, ranges, charts, seeds', async () => {
    expect(await errorFor(`${GOOD}replication: 3\n`)).toBe(
      'bad.yaml:5: replication: unknown field; the fields are: model, description, duration, replications, seeds, params, grid, charts, checks',
    );
    expect(await errorFor('model: mm-c\ngrid:\n  servers: [1, 2\n')).toMatch(/^bad\.yaml:\d+: not valid YAML: /);
    expect(await errorFor('')).toBe('bad.yaml:1: an experiment file must be a mapping with at least model and grid, got an empty file');
    expect(await errorFor('model: mm-c\ngrid:\n  servers: {from: 1, to: 5}\n')).toBe('bad.yaml:3: grid.servers: a range needs exactly one of step (the spacing) or steps (how many values)');
    expect(await errorFor('model: mm-c\ngrid:\n  servers: {from: 5, to: 1, step: 1}\n')).toBe('bad.yaml:3: grid.servers.to: must not be below from');
    expect(await errorFor(`${GOOD}charts:\n  - { metric: wait_mean }\n`)).toMatch(/^bad\.yaml:6: charts\[0\]\.metric: the model has no metric 'wait_mean'; its metrics are: customers, wait_mean_s, /);
    expect(await errorFor(`${GOOD}charts:\n  - { metric: wait_mean_s, x: arrival-rate }\n`)).toBe("bad.yaml:6: charts[0].x: 'arrival-rate' is not a swept parameter; the grid sweeps: servers");
    expect(await errorFor(`${GOOD}seeds: [1, 2.5]\n`)).toBe('bad.yaml:5: seeds[1]: expected a whole number, got 2.5');
    expect(await errorFor(`${GOOD}seeds: [1, 2]\nreplications: 2\n`)).toBe('bad.yaml:5: seeds: give either seeds or replications, not both');
    expect(await errorFor(`${GOOD}seeds: [1, 1]\n`)).toBe('bad.yaml:5: seeds[1]: seed 1 is listed twice');
    expect(await errorFor('model: mm-c\ngrid:\n  servers: [10, 10]\n')).toBe('bad.yaml:3: grid.servers[1]: 10 is listed twice');
  });

  test('--out pointing at a file or at a directory that is not a sim output is refused before anything runs', async () => {
    const exp = await experimentIn(dir, SMALL_SWEEP);
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    await expect(runSweep(exp, { out: file, threads: 1 })).rejects.toThrow(`--out ${file} is a file; give a directory path`);
    const other = join(dir, 'photos');
    mkdirSync(other);
    writeFileSync(join(other, 'cat.jpg'), 'x');
    await expect(runSweep(exp, { out: other, threads: 1 })).rejects.toThrow(`--out ${other} is a non-empty directory that is not a sim output; choose a new or empty directory`);
  });
});

describe('grids expand in a fixed order', () => {
  test('ranges give exact values, durations and rates in their units, labels as written', async () => {
    const exp = await experimentIn(
      dir,
      'model: mm-c\nduration: 2m\nseeds: [7, 3]\ngrid:\n  service-time: {from: 50ms, to: 200ms, step: 50ms}\n  arrival-rate: {from: 10/s, to: 20/s, steps: 3}\n  servers: {from: 1, to: 2, step: 1}\n',
      'ranges.yaml',
    );
    const [svc, rate, servers] = exp.plan.axes;
    expect(svc).toEqual({ name: 'service-time', unit: 's', values: [0.05, 0.1, 0.15, 0.2], labels: ['50ms', '100ms', '150ms', '200ms'] });
    expect(rate).toEqual({ name: 'arrival-rate', unit: '/s', values: [10, 15, 20], labels: ['10/s', '15/s', '20/s'] });
    expect(servers).toEqual({ name: 'servers', unit: 'servers', values: [1, 2], labels: ['1', '2'] });
    expect(exp.plan.seeds).toEqual([7, 3]);
  });
});
