import { describe, expect, test } from 'vitest';
import { erlangC, runModel } from '../src/index.ts';
import mmc from '../models/mm-c.ts';

// Student t quantile t(0.995, df) for the 99% two-sided interval used below.
const T995: Record<number, number> = { 7: 3.499, 9: 3.25, 11: 3.106 };

function interval(xs: number[], t: number): [number, number] {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (t * sd) / Math.sqrt(n);
  return [mean - half, mean + half];
}

/**
 * Replications of mm-c at one (lambda, mean service, c) point. Each replication is an
 * independent seed; the run is long against the queue's relaxation time so the empty start
 * biases the mean by far less than the interval's width.
 */
function replicate(rate: string, service: string, servers: number, duration: number, reps: number) {
  return Array.from({ length: reps }, (_, i) =>
    runModel(mmc, { seed: i + 1, durationS: duration, params: { 'arrival-rate': rate, 'service-time': service, servers } }).metrics,
  );
}

const POINTS: { rate: string; service: string; servers: number; lambda: number; mu: number; duration: number; reps: number }[] = [
  { rate: '90/s', service: '100ms', servers: 10, lambda: 90, mu: 10, duration: 1800, reps: 10 },
  { rate: '2/s', service: '1s', servers: 3, lambda: 2, mu: 1, duration: 36000, reps: 10 },
  { rate: '0.8/s', service: '1s', servers: 1, lambda: 0.8, mu: 1, duration: 72000, reps: 12 },
  { rate: '40/s', service: '200ms', servers: 10, lambda: 40, mu: 5, duration: 3600, reps: 8 },
];

describe('mm-c agrees with Erlang C', () => {
  for (const pt of POINTS) {
    test(`at lambda=${pt.lambda}/s, mu=${pt.mu}/s, c=${pt.servers}, the 99% intervals of mean wait, P(wait) and utilisation contain theory`, () => {
      const theory = erlangC(pt.lambda, pt.mu, pt.servers);
      const runs = replicate(pt.rate, pt.service, pt.servers, pt.duration, pt.reps);
      const t = T995[pt.reps - 1]!;
      const [wLo, wHi] = interval(runs.map((r) => r.wait_mean_s!), t);
      const [pLo, pHi] = interval(runs.map((r) => r.p_wait_ratio!), t);
      const [uLo, uHi] = interval(runs.map((r) => r.utilization_ratio!), t);
      expect(theory.waitMeanS).toBeGreaterThanOrEqual(wLo);
      expect(theory.waitMeanS).toBeLessThanOrEqual(wHi);
      expect(theory.pWait).toBeGreaterThanOrEqual(pLo);
      expect(theory.pWait).toBeLessThanOrEqual(pHi);
      expect(theory.utilization).toBeGreaterThanOrEqual(uLo);
      expect(theory.utilization).toBeLessThanOrEqual(uHi);
      // The interval is informative, not a licence: the mean wait is pinned within 10%.
      expect((wHi - wLo) / theory.waitMeanS).toBeLessThan(0.2);
    });
  }

  test("Little's law holds in every run: time-average number in system = throughput x mean time in system (within 2%)", () => {
    for (const pt of POINTS.slice(0, 3)) {
      const r = replicate(pt.rate, pt.service, pt.servers, pt.duration, 1)[0]!;
      const lw = r.throughput_per_s! * r.sojourn_mean_s!;
      expect(Math.abs(r.in_system_mean! - lw) / lw).toBeLessThan(0.02);
    }
  });

  test('the Erlang C formulas match known table values', () => {
    // M/M/1 at rho = 0.8: P(wait) = rho, Wq = rho / (mu - lambda) = 4 s.
    const m1 = erlangC(0.8, 1, 1);
    expect(m1.pWait).toBeCloseTo(0.8, 12);
    expect(m1.waitMeanS).toBeCloseTo(4, 12);
    // c = 2, a = 1 (rho = 0.5): C = 1/3.
    expect(erlangC(1, 1, 2).pWait).toBeCloseTo(1 / 3, 12);
    expect(() => erlangC(10, 1, 10)).toThrow(/unstable/);
  });
});
