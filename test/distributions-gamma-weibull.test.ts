import { describe, expect, test } from 'vitest';
import { Gamma, InputError, parseDistribution, Quantiles, Rng, Weibull } from '../src/index.ts';
import { gammaP } from '../src/kernel/distributions/special-functions.ts';

function moments(spec: string, n: number, seed = `test/${spec}`): { mean: number; sd: number; min: number; max: number } {
  const d = parseDistribution(spec);
  const rng = new Rng(seed);
  let s = 0;
  let s2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = d.sample(rng);
    s += x;
    s2 += x * x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = s / n;
  return { mean, sd: Math.sqrt(s2 / n - mean * mean), min, max };
}

describe('gamma, weibull and quantiles forms', () => {
  test('each samples with its stated mean and standard deviation (within 4 standard errors)', () => {
    const g = (k: number, th: number) => [k * th, Math.sqrt(k) * th] as const;
    // Weibull: mean λΓ(1 + 1/k), variance λ²Γ(1 + 2/k) - mean²; Γ(5/3) = 0.9027452929509336, Γ(7/3) = 1.1906393257105160.
    const wMean = 0.2 * 0.9027452929509336;
    const wSd = Math.sqrt(0.04 * 1.190639325710516 - wMean * wMean);
    const cases: [string, number, number][] = [
      ['gamma(2, 50ms)', ...g(2, 0.05)],
      ['gamma(0.5, 1)', ...g(0.5, 1)],
      ['gamma(9, 1s)', ...g(9, 1)],
      ['weibull(1.5, 200ms)', wMean, wSd],
      ['weibull(1, 3s)', 3, 3],
      ['quantiles(1, 2, 4, 10)', (1.5 + 3 + 7) / 3, Math.sqrt(((1 + 2 + 4) / 3 + (4 + 8 + 16) / 3 + (16 + 40 + 100) / 3) / 3 - (11.5 / 3) ** 2)],
    ];
    const n = 200_000;
    for (const [spec, mean, sd] of cases) {
      const d = parseDistribution(spec);
      expect(d.mean, spec).toBeCloseTo(mean, 10);
      const m = moments(spec, n);
      expect(Math.abs(m.mean - mean), spec).toBeLessThanOrEqual((4 * sd) / Math.sqrt(n));
      expect(Math.abs(m.sd - sd) / sd, spec).toBeLessThan(0.02);
    }
  });

  test('gamma samples follow the gamma CDF (Kolmogorov–Smirnov distance within its 1% critical value)', () => {
    for (const [shape, scale] of [[0.3, 2], [2.5, 0.04], [40, 1]] as const) {
      const d = new Gamma(shape, scale);
      const rng = new Rng(`ks/${shape}`);
      const n = 20_000;
      const xs = Float64Array.from({ length: n }, () => d.sample(rng)).sort();
      let D = 0;
      xs.forEach((x, i) => {
        const f = gammaP(shape, x / scale);
        D = Math.max(D, (i + 1) / n - f, f - i / n);
      });
      expect(D).toBeLessThan(1.63 / Math.sqrt(n));
    }
  });

  test('specs round-trip: parsing what toString wrote gives the same draws', () => {
    for (const spec of ['gamma(2.5, 40ms)', 'weibull(0.7, 1s)', 'quantiles(10ms, 20ms, 20ms, 1s)']) {
      const a = parseDistribution(spec);
      const b = parseDistribution(a.toString());
      expect(b.toString()).toBe(a.toString());
      const ra = new Rng('rt');
      const rb = new Rng('rt');
      for (let i = 0; i < 1000; i++) expect(b.sample(rb)).toBe(a.sample(ra));
    }
    expect(parseDistribution('gamma(2.5, 40ms)').toString()).toBe('gamma(2.5, 0.04)');
    expect(parseDistribution('weibull(1.5, 2m)')).toEqual(new Weibull(1.5, 120));
  });

  test('quantiles never leave [first, last], and its CDF and quantile function invert each other', () => {
    const m = moments('quantiles(5ms, 10ms, 10ms, 40ms, 90ms)', 50_000);
    expect(m.min).toBeGreaterThanOrEqual(0.005);
    expect(m.max).toBeLessThanOrEqual(0.09);
    const q = new Quantiles([1, 2, 2, 4, 9]);
    expect([q.cdf(0.5), q.cdf(1), q.cdf(1.5), q.cdf(2), q.cdf(3), q.cdf(9), q.cdf(10)]).toEqual([0, 0, 0.125, 0.5, 0.625, 1, 1]);
    for (const p of [0.1, 0.6, 0.8, 0.95]) expect(q.cdf(q.quantile(p))).toBeCloseTo(p, 12);
  });

  test('the same seed gives the same draws; the stream is the component\'s own', () => {
    const draw = (seed: string) => {
      const d = parseDistribution('gamma(0.8, 1s)');
      const r = new Rng(seed);
      return Array.from({ length: 5 }, () => d.sample(r));
    };
    expect(draw('1/worker')).toEqual(draw('1/worker'));
    expect(draw('1/worker')).not.toEqual(draw('2/worker'));
  });

  test('bad specs are one-line input errors naming the form and what it needs', () => {
    const cases: [string, RegExp][] = [
      ['weibull(1)', /weibull\(\) takes 2 argument\(s\), got 1/],
      ['gamma(2ms, 1s)', /gamma\(shape, scale\) needs a shape that is a plain number > 0 \(no unit\), got '2ms'/],
      ['gamma(0, 1s)', /needs a shape that is a plain number > 0/],
      ['weibull(2, 0)', /weibull\(shape, scale\) needs a scale > 0/],
      ['quantiles(5)', /quantiles\(\) needs at least two values/],
      ['quantiles(5, 3)', /quantiles\(\) values must not decrease \('3' follows '5'\)/],
      ['beta(1, 2)', /unknown distribution 'beta'.*gamma\(shape, scale\), weibull\(shape, scale\)/],
    ];
    for (const [spec, message] of cases) {
      expect(() => parseDistribution(spec, '--service')).toThrow(InputError);
      expect(() => parseDistribution(spec, '--service')).toThrow(message);
    }
  });
});
