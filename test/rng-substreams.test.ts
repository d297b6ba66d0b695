import { describe, expect, test } from 'vitest';
import { Rng, Simulation } from '../src/index.ts';

const draw = (r: Rng, n: number) => Array.from({ length: n }, () => r.next());

describe('random substreams', () => {
  test('the same seed and name give the same numbers', () => {
    expect(draw(new Simulation(7).rng('arrivals'), 5)).toEqual(draw(new Simulation(7).rng('arrivals'), 5));
  });

  test("adding a component's stream does not shift another component's numbers", () => {
    const a = new Simulation(7);
    const before = draw(a.rng('arrivals'), 5);
    const b = new Simulation(7);
    const extra = b.rng('retries');
    draw(extra, 100);
    expect(draw(b.rng('arrivals'), 5)).toEqual(before);
  });

  test('different seeds and different names give different numbers', () => {
    expect(draw(new Simulation(1).rng('x'), 3)).not.toEqual(draw(new Simulation(2).rng('x'), 3));
    const s = new Simulation(1);
    expect(draw(s.rng('x'), 3)).not.toEqual(draw(s.rng('y'), 3));
  });

  test('a stream name can be taken once per simulation', () => {
    const s = new Simulation(1);
    s.rng('pool');
    expect(() => s.rng('pool')).toThrow(/already taken/);
  });

  test('uniforms lie in [0, 1)', () => {
    const r = new Rng('range');
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < 100_000; i++) {
      const u = r.next();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
  });
});
