import { describe, expect, test } from 'vitest';
import { InputError, parseDistribution, Rng } from '../src/index.ts';

function sampleMean(spec: string, n = 200_000): number {
  const d = parseDistribution(spec);
  const rng = new Rng(`test/${spec}`);
  let s = 0;
  for (let i = 0; i < n; i++) s += d.sample(rng);
  return s / n;
}

describe('distributions', () => {
  test('each spec samples with its stated mean (within 4 standard errors)', () => {
    // [spec, mean, sd] of the distribution.
    const cases: [string, number, number][] = [
      ['const(150ms)', 0.15, 0],
      ['uniform(100ms, 200ms)', 0.15, 0.1 / Math.sqrt(12)],
      ['exp(100ms)', 0.1, 0.1],
      ['lognormal(2, 1)', 2, 1],
      ['empirical(1:1, 2:1, 6:2)', 3.75, Math.sqrt((1 + 4 + 72) / 4 - 3.75 ** 2)],
    ];
    for (const [spec, mean, sd] of cases) {
      const n = 200_000;
      expect(parseDistribution(spec).mean).toBeCloseTo(mean, 10);
      expect(Math.abs(sampleMean(spec, n) - mean)).toBeLessThanOrEqual(4 * (sd / Math.sqrt(n)) + 1e-12);
    }
  });

  test('a normal truncated at 0 never goes negative and its mean follows the truncated formula', () => {
    const d = parseDistribution('normal(1s, 1s)');
    const rng = new Rng('normal');
    let min = Infinity;
    let s = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const x = d.sample(rng);
      min = Math.min(min, x);
      s += x;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    // E[X | X > 0] for N(1, 1) = 1 + phi(1)/Phi(1) = 1.2876
    expect(d.mean).toBeCloseTo(1.2876, 3);
    expect(Math.abs(s / n - d.mean)).toBeLessThan(0.01);
  });

  test('the exponential tail matches exp(-x) at several points (ziggurat sampler)', () => {
    const rng = new Rng('tail');
    const d = parseDistribution('exp(1)');
    const n = 1_000_000;
    const thresholds = [0.1, 1, 3, 7.5, 9];
    const over = thresholds.map(() => 0);
    for (let i = 0; i < n; i++) {
      const x = d.sample(rng);
      thresholds.forEach((t, k) => {
        if (x > t) over[k]!++;
      });
    }
    thresholds.forEach((t, k) => {
      const p = Math.exp(-t);
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(over[k]! / n - p)).toBeLessThanOrEqual(4 * se + 2e-6);
    });
  });

  test('specs round-trip through toString', () => {
    for (const spec of ['const(0.15)', 'uniform(0.1, 0.2)', 'exp(0.1)', 'normal(1, 0.5)', 'lognormal(2, 1)', 'empirical(1:1, 2:3)']) {
      expect(parseDistribution(spec).toString()).toBe(spec);
    }
    expect(parseDistribution('exp(100ms)').toString()).toBe('exp(0.1)');
    expect(parseDistribution('250ms').toString()).toBe('const(0.25)');
  });

  test('bad specs name the problem', () => {
    expect(() => parseDistribution('beta(1)', '--service')).toThrow(InputError);
    expect(() => parseDistribution('beta(1)', '--service')).toThrow(/--service: unknown distribution 'beta'/);
    expect(() => parseDistribution('uniform(2, 1)')).toThrow(/lo <= hi/);
    expect(() => parseDistribution('exp(1, 2)')).toThrow(/takes 1 argument/);
    expect(() => parseDistribution('empirical(1:-1)')).toThrow(/positive/);
  });
});
