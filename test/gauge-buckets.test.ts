import { describe, expect, test } from 'vitest';
import { Metrics, Simulation } from '../src/index.ts';

describe('metrics in time buckets', () => {
  test('a gauge keeps the time-weighted mean and the max of each bucket, across idle buckets', () => {
    const sim = new Simulation(1);
    const m = new Metrics(sim, 10, 40);
    const g = m.gauge('in_use');
    const at = (t: number, v: number) => sim.call(t, () => g.set(v));
    at(0, 4); // 4 for [0, 5)
    at(5, 8); // 8 for [5, 25)
    at(25, 2); // 2 for [25, 35)
    at(35, 0);
    sim.run(40);
    m.finish(40);
    const [mean, max] = g.series();
    expect(mean!.values).toEqual([6, 8, 5, 1]);
    expect(max!.values).toEqual([8, 8, 8, 2]);
    expect(g.max).toBe(8);
    expect(g.mean).toBe((4 * 5 + 8 * 20 + 2 * 10) / 40);
  });

  test('a partial last bucket averages over its own length', () => {
    const sim = new Simulation(1);
    const m = new Metrics(sim, 10, 15);
    const g = m.gauge('level');
    sim.call(12, () => g.set(6));
    sim.run(15);
    m.finish(15);
    // 0 over [10, 12), 6 over [12, 15): (6 * 3) / 5.
    expect(g.series()[0]!.values).toEqual([0, 3.6]);
  });

  test('a counter counts per bucket and in total, with zero for empty buckets', () => {
    const sim = new Simulation(1);
    const m = new Metrics(sim, 60, 240);
    const c = m.counter('errors');
    for (const t of [1, 2, 59, 130, 239]) sim.call(t, () => c.add());
    sim.call(130, () => c.add(4));
    sim.run(240);
    m.finish(240);
    expect(c.series()[0]!.values).toEqual([3, 0, 5, 1]);
    expect(c.total).toBe(9);
  });

  test('a histogram reports per-bucket statistics and the worst bucket', () => {
    const sim = new Simulation(1);
    const m = new Metrics(sim, 60, 180);
    const h = m.histogram('latency_ms');
    for (let i = 1; i <= 100; i++) sim.call(1, () => h.record(i));
    sim.call(130, () => h.record(5000));
    sim.run(180);
    m.finish(180);
    expect(h.bucketValues('count')).toEqual([100, 0, 1]);
    expect(h.bucketValues('max')).toEqual([100, NaN, 5000]);
    expect(h.bucketWorst('p99')).toBe(5000);
    expect(h.count).toBe(101);
    expect(h.max).toBe(5000);
    expect(h.mean).toBeCloseTo(10050 / 101, 9);
  });

  test('metric names must be snake_case and unique', () => {
    const m = new Metrics(new Simulation(1), 60);
    m.counter('api_errors');
    expect(() => m.counter('api_errors')).toThrow(/already defined/);
    expect(() => m.gauge('Api-Errors')).toThrow(/snake_case/);
  });
});
