import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sim, tempDir } from './helpers/cli.ts';

// What `sim init` writes. That the project it creates installs and passes its own `npm test`
// is tested with the packed package, in package-install.test.ts.

describe('sim init', () => {
  test('names the project after its folder, fills in the template and depends on this version of sim', () => {
    const d = tempDir('sim-init-');
    const r = sim(['init', join(d, 'Payments Jobs')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const root = join(d, 'Payments Jobs');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const version = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version;
    expect(pkg).toMatchObject({ name: 'payments-jobs', private: true, type: 'module', scripts: { test: 'tsc && sim check' }, dependencies: { sim: `^${version}` } });
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toMatch(/^# payments-jobs\n/);
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('node_modules/\nreports/\n.sim-cache/\n');
    expect(readFileSync(join(root, '.github', 'workflows', 'sim-check.yml'), 'utf8')).toMatch(/npx sim check --junit reports\/sim-check\.xml/);
    expect(readFileSync(join(root, 'checks', 'jobs.yaml'), 'utf8')).toMatch(/^model: \.\.\/models\/jobs\.ts$/m);
    // Nothing but the project: no staging folder left beside it.
    expect(readdirSync(d)).toEqual(['Payments Jobs']);
  });

  test('fills an empty folder, or one holding only .git, in place', () => {
    const d = tempDir('sim-init-');
    mkdirSync(join(d, '.git'));
    const r = sim(['init'], d);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Created 8 files in this folder: /);
    expect(readdirSync(d).sort()).toEqual(['.git', '.github', '.gitignore', 'README.md', 'checks', 'experiments', 'models', 'package.json', 'tsconfig.json']);
  });
});

describe('sim init: bad input gets one line on stderr, exit code 2 and nothing written', () => {
  test('a folder that is not empty', () => {
    const d = tempDir('sim-init-');
    writeFileSync(join(d, 'notes.txt'), 'mine');
    const r = sim(['init', d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim: '.*' is not empty \(notes\.txt\); give a new or empty folder, e\.g\. sim init my-system\n$/);
    expect(readdirSync(d)).toEqual(['notes.txt']);
  });

  test('a path that is a file', () => {
    const d = tempDir('sim-init-');
    writeFileSync(join(d, 'f'), 'x');
    const r = sim(['init', join(d, 'f')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim: '.*f' is a file; give a new or empty folder/);
    expect(readdirSync(d)).toEqual(['f']);
  });

  test('a folder that cannot be created', () => {
    const d = tempDir('sim-init-');
    writeFileSync(join(d, 'f'), 'x');
    const r = sim(['init', join(d, 'f', 'inside')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^sim: could not create '.*inside': ENOTDIR/);
    expect(existsSync(join(d, 'f', 'inside'))).toBe(false);
    expect(readdirSync(d)).toEqual(['f']);
  });
});
