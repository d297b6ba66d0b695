import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sim, tempDir } from './helpers/cli.ts';

describe('bad input gets one line on stderr, exit code 2 and no output', () => {
  const dir = tempDir();
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');
  const notModel = join(dir, 'not-a-model.mts');
  writeFileSync(notModel, 'export const x = 1;\n');
  writeFileSync(join(dir, 'broken-import.ts'), "import { defineModel } from './no-such-module.ts';\nexport default defineModel;\n");

  const cases: [string, string[], RegExp][] = [
    ['an unknown model', ['run', 'no-such-model'], /^sim: unknown model 'no-such-model'; built-in models: .*mm-c/],
    ['an unknown flag', ['run', 'mm-c', '--bogus', '3'], /^sim: unknown parameter --bogus for model mm-c; its parameters are: --arrival-rate, --service-time, --servers/],
    ['a malformed duration', ['run', 'mm-c', '--duration', '15x'], /^sim: --duration: malformed duration '15x'; use a number with a unit/],
    ['a malformed duration parameter', ['run', 'mm-c', '--service-time', '3 parsecs'], /^sim: --service-time: malformed duration/],
    ['a zero capacity', ['run', 'mm-c', '--servers', '0'], /^sim: --servers: 0 is below the minimum 1/],
    ['a negative capacity', ['run', 'mm-c', '--servers', '-2'], /^sim: --servers: -2 is below the minimum 1/],
    ['a fractional capacity', ['run', 'mm-c', '--servers', '2.5'], /^sim: --servers: '2.5' is not a whole number/],
    ['a model file that does not exist', ['run', './missing-model.ts'], /^sim: model file '.\/missing-model.ts' does not exist/],
    ['a file that does not export a model', ['run', notModel], /does not export a model; export default defineModel/],
    ['a model file whose import is missing', ['run', join(dir, 'broken-import.ts')], /^sim: could not load model file '.*broken-import\.ts': Cannot find module/],
    ['--out pointing at a file', ['run', 'mm-c', '--out', file], /^sim: --out .* is a file; give a directory path/],
    ['a bad seed', ['run', 'mm-c', '--seed', '-1'], /^sim: --seed: '-1' is not a whole number >= 0/],
    ['an unknown command', ['frobnicate'], /^sim: /],
    ['describe without a model', ['describe'], /^sim: /],
  ];

  for (const [what, args, message] of cases) {
    test(`${what}`, () => {
      const out = join(dir, `out-${what.replace(/\W+/g, '-')}`);
      const withOut = args.includes('--out') || args[0] !== 'run' ? args : [...args, '--out', out];
      const r = sim(withOut);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    });
  }

  test('--out pointing at a non-empty directory that is not a sim output is refused', () => {
    const r = sim(['run', 'mm-c', '--duration', '1m', '--out', join(import.meta.dirname)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a non-empty directory that is not a sim output/);
  });
});
