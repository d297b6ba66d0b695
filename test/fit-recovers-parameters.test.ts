import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError, parseDistribution, Rng } from '../src/index.ts';
import { fitSample } from '../src/inputs/fit/fit-sample.ts';
import { readNumericColumn } from '../src/inputs/numeric-column.ts';

const N = 10_000;

function draw(spec: string, n = N, seed = 'fit/1'): Float64Array {
  const d = parseDistribution(spec);
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => d.sample(rng));
}

describe('sim fit recovers the distribution a sample was drawn from (n = 10,000)', () => {
  // [spec sampled, form that must rank first, its parameters]. The 3% bound is at least 2.2
  // standard errors of each maximum-likelihood estimate at this n (gamma's shape has the
  // widest: about 1.3%); one fixed seed, so the verdict does not change between runs.
  const cases: [string, string, Record<string, number>][] = [
    ['exp(100ms)', 'exponential', { mean: 0.1 }],
    ['lognormal(120ms, 60ms)', 'lognormal', { mean: 0.12, sd: 0.06 }],
    ['gamma(2.5, 40ms)', 'gamma', { shape: 2.5, scale: 0.04 }],
    ['gamma(0.6, 1s)', 'gamma', { shape: 0.6, scale: 1 }],
    ['weibull(1.5, 200ms)', 'weibull', { shape: 1.5, scale: 0.2 }],
    ['weibull(0.7, 1s)', 'weibull', { shape: 0.7, scale: 1 }],
  ];
  for (const [spec, form, params] of cases) {
    test(`${spec}: ${form} ranks first with its parameters within 3%, and its spec parses back`, () => {
      const fit = fitSample(draw(spec));
      const best = fit.ranked[0]!;
      expect(best.fit.form).toBe(form);
      for (const [name, truth] of Object.entries(params)) expect(Math.abs(best.fit.params[name]! / truth - 1), name).toBeLessThan(0.03);
      // The printed spec is sim's own syntax for the same distribution (to 4 significant digits).
      expect(Math.abs(parseDistribution(best.fit.spec).mean / parseDistribution(spec).mean - 1)).toBeLessThan(0.03);
      expect(fit.ranked.map((r) => r.fit.form).sort()).toEqual(['exponential', 'gamma', 'lognormal', 'quantiles', 'weibull']);
    });
  }

  test('ranked by the Anderson–Darling statistic, the true form also comes first for the two-parameter forms', () => {
    for (const [spec, form] of [['lognormal(120ms, 60ms)', 'lognormal'], ['gamma(2.5, 40ms)', 'gamma'], ['weibull(1.5, 200ms)', 'weibull']] as const) {
      expect(fitSample(draw(spec), { rankBy: 'ad' }).ranked[0]!.fit.form).toBe(form);
    }
  });

  test('a two-peaked sample no single form describes is best told by the bounded empirical form', () => {
    const a = draw('lognormal(50ms, 5ms)', 6000, 'fit/a');
    const b = draw('lognormal(400ms, 30ms)', 4000, 'fit/b');
    const fit = fitSample(Float64Array.from([...a, ...b]));
    expect(fit.ranked[0]!.fit.form).toBe('quantiles');
    const q = parseDistribution(fit.ranked[0]!.fit.spec);
    expect(q.toString()).toMatch(/^quantiles\(/);
    expect(Math.abs(q.mean / fit.mean - 1)).toBeLessThan(0.03);
  });

  test('the fit is the same for the same data', () => {
    const xs = draw('gamma(3, 10ms)', 2000);
    expect(fitSample(xs).ranked.map((r) => [r.fit.spec, r.aic, r.ad])).toEqual(fitSample(xs).ranked.map((r) => [r.fit.spec, r.aic, r.ad]));
  });
});

describe('bad rows in a CSV are counted and reported; too many is an error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-fit-'));
  const good = Array.from({ length: 97 }, (_, i) => `j${i},${100 + i}`);

  test('empty, non-numeric and negative rows are counted with their lines; the rest are read in the given unit', () => {
    const file = join(dir, 'some-bad.csv');
    writeFileSync(file, ['job,duration_ms', ...good.slice(0, 10), 'x,', 'y,abc', 'z,-5', ...good.slice(10)].join('\n'));
    const col = readNumericColumn(file, { column: 'duration_ms', unit: 'ms' });
    expect(col.values.length).toBe(97);
    expect(col.values[0]).toBeCloseTo(0.1, 15);
    expect(col.rows).toBe(100);
    expect(col.bad).toEqual({ empty: 1, notNumber: 1, negative: 1, lines: [12, 13, 14], total: 3 });
  });

  test('more bad rows than the stated share is an error naming the file, the first bad line and what was expected', () => {
    const file = join(dir, 'many-bad.csv');
    writeFileSync(file, ['job,duration_ms', ...good.slice(0, 90), ...Array.from({ length: 10 }, (_, i) => `b${i},n/a`)].join('\n'));
    const read = () => readNumericColumn(file, { column: 'duration_ms', unit: 'ms' });
    expect(read).toThrow(InputError);
    expect(read).toThrow(/many-bad\.csv:92: 10 of 100 rows \(10\.0%\) are bad in column 'duration_ms' \(10 not a number; lines 92, 93, 94, 95, 96, \.\.\.\); at most 5% may be: expected a number >= 0 on every row/);
    expect(readNumericColumn(file, { column: 'duration_ms', unit: 'ms', maxBadShare: 0.1 }).values.length).toBe(90);
  });
});
