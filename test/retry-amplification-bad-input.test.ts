import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError, runModel } from '../src/index.ts';
import model from '../models/retry-amplification.ts';
import { sim, tempDir } from './helpers/cli.ts';

describe('retry-amplification: bad input gets one line on stderr, exit code 2 and no output', () => {
  const dir = tempDir('sim-overload-bad-');
  // Through the real CLI (each case starts a process, so only those that need it).
  const cases: [string, string[], string][] = [
    ['a negative arrival rate', ['--arrival-rate', '-5/s'], "sim: --arrival-rate: '-5/s' is negative; this value must be >= 0"],
    ['a trigger longer than the run', ['--trigger-duration', '10m'], 'sim: the trigger (--trigger-at 30s + --trigger-duration 10m) ends at 10m30s, after the run (2m30s); shorten the trigger or lengthen --duration'],
  ];

  for (const [what, args, message] of cases) {
    test(what, () => {
      const out = join(dir, `out-${what.replace(/\W+/g, '-')}`);
      const r = sim(['run', 'retry-amplification', ...args, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    });
  }

  // The same checks in this process: the message the CLI prints after `sim: `.
  const inProcess: [string, Record<string, string>, string][] = [
    ['a negative rate given with =', { 'arrival-rate': '-5/s' }, "--arrival-rate: '-5/s' is negative; a rate is a count per unit of time, >= 0: 100/s, 30/m, 5000/h"],
    ['a settling time past the run', { settle: '5m' }, "recovery is judged from the trigger's end plus --settle (5m40s), which is not before the run's end (2m30s); lengthen --duration or shorten --settle"],
    ['a drop above 100%', { 'trigger-drop': '120%' }, '--trigger-drop: 120% is above the maximum 100% (allowed: 0%..100%)'],
    ['a drop that is not a share', { 'trigger-drop': 'lots' }, "--trigger-drop: 'lots' is not a share; use a percentage such as 80% or a number such as 0.8"],
    ['an unknown limiter', { limiter: 'magic' }, "--limiter: 'magic' is not allowed; use one of none, fixed, aimd, gradient2"],
    ['an unknown fix', { fix: 'prayer' }, "--fix: 'prayer' is not allowed; use one of none, backoff, retry-budget, adaptive-throttle, shed, concurrency-limit, cancel"],
  ];
  for (const [what, params, message] of inProcess) {
    test(what, () => {
      expect(() => runModel(model, { params })).toThrow(new InputError(message));
    });
  }
});
