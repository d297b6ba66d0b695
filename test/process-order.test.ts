import { describe, expect, test } from 'vitest';
import { every, hold, holdUntil, now, type ProcessBody, source, spawn, startAt } from '../src/index.ts';
import { env } from './helpers/process-env.ts';

describe('processes resume in (time, sequence) order', () => {
  test('holds interleave by time, and processes due at the same time resume in the order they started waiting', () => {
    const ctx = env();
    const log: [number, string][] = [];
    function* worker(name: string, steps: number[]): ProcessBody {
      for (const d of steps) {
        yield* hold(d);
        log.push([now(), name]);
      }
    }
    spawn(ctx, worker('a', [1, 1, 0.5]));
    spawn(ctx, worker('b', [2, 0.5]));
    spawn(ctx, worker('c', [1, 0]));
    ctx.sim.run();
    expect(log).toEqual([
      [1, 'a'],
      [1, 'c'],
      [1, 'c'],
      // b started waiting for t=2 (at t=0) before a did (at t=1).
      [2, 'b'],
      [2, 'a'],
      [2.5, 'b'],
      [2.5, 'a'],
    ]);
  });

  test('a spawned process starts at the current time, after its parent yields', () => {
    const ctx = env();
    const log: string[] = [];
    function* child(): ProcessBody {
      log.push(`child starts at ${now()}`);
      yield* hold(1);
      log.push(`child ends at ${now()}`);
    }
    function* parent(): ProcessBody {
      yield* hold(3);
      spawn(child());
      log.push('parent spawned');
      yield* hold(0);
      log.push(`parent resumed at ${now()}`);
    }
    spawn(ctx, parent());
    ctx.sim.run();
    expect(log).toEqual(['parent spawned', 'child starts at 3', 'parent resumed at 3', 'child ends at 4']);
  });

  test('a process returns its result, and holdUntil waits until an absolute time', () => {
    const ctx = env();
    function* job(): ProcessBody<string> {
      yield* holdUntil(7.5);
      return `done at ${now()}`;
    }
    const p = spawn(ctx, job());
    expect(p.done).toBe(false);
    ctx.sim.run();
    expect(p.done).toBe(true);
    expect(p.result).toBe('done at 7.5');
  });

  test('a command that finishes at once does not suspend the process or schedule an event', () => {
    const ctx = env();
    function* quick(): ProcessBody<number> {
      let n = 0;
      for (let i = 0; i < 1000; i++) n += i;
      return n;
    }
    spawn(ctx, quick());
    expect(ctx.sim.run()).toBe(1); // the start event only
  });

  test('every starts a process each period from its start time; startAt starts one at a given time', () => {
    const ctx = env();
    const starts: [number, number][] = [];
    every(ctx, 10, (i) => (function* () { starts.push([i, now()]); yield* hold(25); })(), { startS: 5, stopS: 40 });
    startAt(ctx, 12, (function* () { starts.push([-1, now()]); })());
    ctx.sim.run();
    expect(starts).toEqual([[0, 5], [-1, 12], [1, 15], [2, 25], [3, 35]]);
  });

  test('source starts one process per arrival, at the arrival time, and stops at its limit', () => {
    const ctx = env();
    const seen: number[] = [];
    const src = source(ctx, { name: 'arrivals', arrivals: 2, limit: 5, start: (i) => (function* () { seen.push(i); yield* hold(1); })() });
    ctx.sim.run();
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(src.arrivals.total).toBe(5);
  });

  test('the same seed gives the same trace', () => {
    const trace = () => {
      const ctx = env(7);
      const rng = ctx.sim.rng('t');
      const out: number[] = [];
      source(ctx, { name: 'a', arrivals: 3, limit: 50, start: () => (function* () { yield* hold(rng.exponential(1)); out.push(now()); })() });
      ctx.sim.run();
      return out;
    };
    expect(trace()).toEqual(trace());
  });
});
