import { describe, expect, test } from 'vitest';
import { erlangC, runModel } from '../src/index.ts';
import processMmc from '../examples/process-mm-c.ts';

// Student t quantile t(0.995, df) for the 99% two-sided interval.
const T995: Record<number, number> = { 7: 3.499, 9: 3.25 };

function interval(xs: number[]): [number, number] {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (T995[n - 1]! * sd) / Math.sqrt(n);
  return [mean - half, mean + half];
}

const POINTS = [
  { rate: '90/s', service: '100ms', servers: 10, lambda: 90, mu: 10, duration: 1200, reps: 8 },
  { rate: '0.8/s', service: '1s', servers: 1, lambda: 0.8, mu: 1, duration: 40000, reps: 8 },
];

describe('the process-style M/M/c example agrees with Erlang C', () => {
  for (const pt of POINTS) {
    test(`at lambda=${pt.lambda}/s, mu=${pt.mu}/s, c=${pt.servers}, the 99% intervals of mean wait, P(wait) and utilisation over ${pt.reps} seeds contain theory`, () => {
      const theory = erlangC(pt.lambda, pt.mu, pt.servers);
      const runs = Array.from({ length: pt.reps }, (_, i) =>
        runModel(processMmc, { seed: i + 1, durationS: pt.duration, params: { 'arrival-rate': pt.rate, 'service-time': pt.service, servers: pt.servers } }).metrics,
      );
      const [wLo, wHi] = interval(runs.map((r) => r.wait_mean_s!));
      const [pLo, pHi] = interval(runs.map((r) => r.p_wait_ratio!));
      const [uLo, uHi] = interval(runs.map((r) => r.utilization_ratio!));
      expect([wLo, wHi, theory.waitMeanS].sort((a, b) => a - b)[1]).toBe(theory.waitMeanS);
      expect([pLo, pHi, theory.pWait].sort((a, b) => a - b)[1]).toBe(theory.pWait);
      expect([uLo, uHi, theory.utilization].sort((a, b) => a - b)[1]).toBe(theory.utilization);
      // The interval is informative, not a licence: the mean wait is pinned within 15%.
      expect((wHi - wLo) / theory.waitMeanS).toBeLessThan(0.3);
      expect(runs[0]!.theory_wait_mean_s).toBeCloseTo(theory.waitMeanS, 6);
    });
  }
});
