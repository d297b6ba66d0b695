import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findCheckFiles } from '../src/check/find-check-files.ts';
import { builtinModelNames } from '../src/model/load-model.ts';
import { ROOT, tempDir } from './helpers/cli.ts';

describe('sim check without arguments', () => {
  test('finds every checks/*.yaml and every experiment with a checks: list, each group sorted', () => {
    const dir = tempDir('sim-discovery-');
    mkdirSync(join(dir, 'checks'));
    mkdirSync(join(dir, 'experiments'));
    writeFileSync(join(dir, 'checks', 'z.yaml'), 'model: mm-c\n');
    writeFileSync(join(dir, 'checks', 'a.yml'), 'model: mm-c\n');
    writeFileSync(join(dir, 'checks', 'baseline.json'), '{}');
    writeFileSync(join(dir, 'experiments', 'sweep-only.yaml'), 'model: mm-c\ngrid: { servers: [1] }\n');
    writeFileSync(join(dir, 'experiments', 'gated.yaml'), 'model: mm-c\ngrid: { servers: [1] }\nchecks:\n  - expect: customers > 0\n');
    expect(findCheckFiles(dir)).toEqual(['checks/a.yml', 'checks/z.yaml', 'experiments/gated.yaml']);
    expect(findCheckFiles(tempDir('sim-discovery-'))).toEqual([]);
  });

  test('in this repository every built-in model has a check file', () => {
    const files = findCheckFiles(ROOT);
    for (const model of builtinModelNames()) expect(files).toContain(`checks/${model}.yaml`);
  });
});
