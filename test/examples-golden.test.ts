import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isModel } from '../src/model/define-model.ts';
import { runModel } from '../src/model/run-model.ts';
import { summaryJson } from '../src/report/summary-json.ts';
import { ROOT } from './helpers/cli.ts';

// Every example is a golden test (as SimPy runs its examples against committed output): its
// summary.json at seed 1 with its defaults must match examples/golden/<name>.summary.json
// byte for byte. After a deliberate change, regenerate with
//   SIM_UPDATE_GOLDEN=1 npx vitest run test/examples-golden.test.ts
const EXAMPLES = join(ROOT, 'examples');
const GOLDEN = join(EXAMPLES, 'golden');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.ts')).sort();

describe('examples match their golden summaries', () => {
  test('every example has a golden file, and every golden file an example', () => {
    const golden = readdirSync(GOLDEN).filter((f) => f.endsWith('.summary.json')).sort();
    expect(golden).toEqual(files.map((f) => f.replace(/\.ts$/, '.summary.json')));
  });

  for (const file of files) {
    test(`examples/${file}`, async () => {
      const mod = (await import(join(EXAMPLES, file))) as { default: unknown };
      expect(isModel(mod.default)).toBe(true);
      const text = summaryJson(runModel(mod.default as never, { seed: 1 }));
      const goldenFile = join(GOLDEN, file.replace(/\.ts$/, '.summary.json'));
      if (process.env.SIM_UPDATE_GOLDEN === '1') writeFileSync(goldenFile, text);
      expect(existsSync(goldenFile), `no golden file for examples/${file}; write it with SIM_UPDATE_GOLDEN=1`).toBe(true);
      expect(text).toBe(readFileSync(goldenFile, 'utf8'));
    });
  }
});
