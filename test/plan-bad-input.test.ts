import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sim, tempDir } from './helpers/cli.ts';

describe('sim plan rejects bad input with one line and exit code 2', () => {
  const dir = tempDir();
  const cases: [string, string[], RegExp][] = [
    ['an unknown metric in the SLO', ['--vary', 'arrival-rate', '--min', '10/s', '--max', '20/s', '--slo', 'wait_mean < 1'], /^sim: --slo "wait_mean < 1": unknown metric 'wait_mean'; close names: wait_mean_s/],
    ['an empty range', ['--vary', 'arrival-rate', '--min', '50/s', '--max', '40/s', '--slo', 'wait_mean_s < 1'], /^sim: the range --min 50\/s .. --max 40\/s is empty/],
    ['a non-numeric parameter', ['--minimize', 'servers', '--slo', 'wait_mean_s < 1', '--max', 'lots'], /^sim: --max: 'lots' is not a whole number/],
    ['no SLO', ['--vary', 'arrival-rate', '--min', '10/s', '--max', '20/s'], /^sim: --slo is required/],
    ['a malformed SLO', ['--vary', 'arrival-rate', '--min', '10/s', '--max', '20/s', '--slo', 'wait_mean_s <'], /^sim: --slo "wait_mean_s <": /],
    ['both --vary and --minimize', ['--vary', 'arrival-rate', '--minimize', 'servers', '--slo', 'wait_mean_s < 1'], /^sim: give exactly one of --vary/],
    ['an unknown parameter', ['--vary', 'nope', '--slo', 'wait_mean_s < 1'], /^sim: --vary nope: model mm-c has no such parameter/],
  ];
  for (const [what, args, message] of cases) {
    test(what, () => {
      const out = join(dir, what.replace(/\W+/g, '-'));
      const r = sim(['plan', 'mm-c', '--duration', '2m', '--replications', '2', '--out', out, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('sim: ') && !l.startsWith('sim: plan:'))).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    });
  }

  test('a choice parameter cannot be searched', () => {
    const r = sim(['plan', 'retry-storm', '--vary', 'classification', '--slo', 'makespan_s < 1', '--out', join(dir, 'choice')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim: --vary classification: a choice parameter cannot be searched; choose a numeric one/);
  });
});
