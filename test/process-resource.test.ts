import { describe, expect, test } from 'vitest';
import { acquire, hold, interrupt, now, type ProcessBody, put, release, Resource, spawn, Store, take } from '../src/index.ts';
import { env } from './helpers/process-env.ts';

describe('Resource', () => {
  test('units are granted first come, first served; a release hands the unit to the first waiter at once', () => {
    const ctx = env();
    const r = new Resource(ctx, { name: 'servers', capacity: 2 });
    const log: [number, string][] = [];
    function* user(name: string, arriveS: number, useS: number): ProcessBody {
      yield* hold(arriveS);
      yield* acquire(r);
      log.push([now(), `${name} got`]);
      yield* hold(useS);
      release(r);
    }
    spawn(ctx, user('a', 0, 5));
    spawn(ctx, user('b', 1, 5));
    spawn(ctx, user('c', 2, 1));
    spawn(ctx, user('d', 3, 1));
    ctx.sim.run();
    expect(log).toEqual([[0, 'a got'], [1, 'b got'], [5, 'c got'], [6, 'd got']]);
    expect(r.inUse).toBe(0);
    ctx.metrics.finish(ctx.sim.now);
    expect(r.wait.count).toBe(4);
    expect(r.wait.max).toBeCloseTo(3, 1); // d waited 3 s (log-bucketed histogram)
  });

  test('a waiter that times out leaves the queue, gets false and holds nothing; the next waiter is served', () => {
    const ctx = env();
    const r = new Resource(ctx, { name: 'r', capacity: 1 });
    const log: [number, string, boolean][] = [];
    function* holder(): ProcessBody {
      yield* acquire(r);
      yield* hold(10);
      release(r);
    }
    function* impatient(name: string, timeoutS: number): ProcessBody {
      yield* hold(1);
      const ok = yield* acquire(r, { timeoutS });
      log.push([now(), name, ok]);
      if (ok) release(r);
    }
    spawn(ctx, holder());
    spawn(ctx, impatient('quick', 2));
    spawn(ctx, impatient('patient', 20));
    ctx.sim.run();
    expect(log).toEqual([[3, 'quick', false], [10, 'patient', true]]);
    expect(r.timeouts.total).toBe(1);
    expect(r.inUse).toBe(0);
  });

  test('timeoutS 0 fails at once when no unit is free', () => {
    const ctx = env();
    const r = new Resource(ctx, { name: 'r', capacity: 1 });
    const got: boolean[] = [];
    spawn(ctx, (function* () { got.push(yield* acquire(r, { timeoutS: 0 })); got.push(yield* acquire(r, { timeoutS: 0 })); })());
    ctx.sim.run();
    expect(got).toEqual([true, false]);
  });

  test('a priority resource serves lower priority numbers first, FIFO among equals', () => {
    const ctx = env();
    const r = new Resource(ctx, { name: 'r', capacity: 1, discipline: 'priority' });
    const order: string[] = [];
    spawn(ctx, (function* () { yield* acquire(r); yield* hold(5); release(r); })());
    for (const [name, prio] of [['low-1', 5], ['high-1', 1], ['low-2', 5], ['high-2', 1]] as const) {
      spawn(ctx, (function* () { yield* hold(1); yield* acquire(r, { priority: prio }); order.push(name); yield* hold(1); release(r); })());
    }
    ctx.sim.run();
    expect(order).toEqual(['high-1', 'high-2', 'low-1', 'low-2']);
  });

  test('an interrupted waiter leaves the queue without taking a unit', () => {
    const ctx = env();
    const r = new Resource(ctx, { name: 'r', capacity: 1 });
    const log: string[] = [];
    spawn(ctx, (function* () { yield* acquire(r); yield* hold(10); release(r); })());
    const victim = spawn(ctx, (function* () {
      try {
        yield* acquire(r);
        log.push('victim got it');
      } catch (e) {
        log.push(`victim: ${(e as Error).message} at ${now()}`);
      }
    })());
    spawn(ctx, (function* () { yield* hold(1); yield* acquire(r); log.push(`next got it at ${now()}`); release(r); })());
    spawn(ctx, (function* () { yield* hold(2); interrupt(victim, 'cancelled'); })());
    ctx.sim.run();
    expect(log).toEqual(['victim: process interrupted: cancelled at 2', 'next got it at 10']);
    expect(r.waitersGauge.value).toBe(0);
    expect(r.waiting).toBe(0);
  });

  test('releasing a unit nobody holds is an error naming the resource', () => {
    const ctx = env();
    const r = new Resource(ctx, { name: 'licences', capacity: 1 });
    spawn(ctx, (function* () { release(r); })());
    expect(() => ctx.sim.run()).toThrow(/licences: release\(\) with no unit in use/);
  });
});

describe('Store', () => {
  test('takers wait for items in FIFO order; items come out in the order they were put', () => {
    const ctx = env();
    const s = new Store<string>(ctx, { name: 'orders' });
    const got: [number, string, string][] = [];
    for (const name of ['t1', 't2']) {
      spawn(ctx, (function* () { const item = yield* take(s); got.push([now(), name, item!]); })());
    }
    spawn(ctx, (function* () { yield* hold(1); yield* put(s, 'x'); yield* hold(1); yield* put(s, 'y'); yield* put(s, 'z'); })());
    ctx.sim.run();
    expect(got).toEqual([[1, 't1', 'x'], [2, 't2', 'y']]);
    expect(s.length).toBe(1);
  });

  test('a take with a timeout returns undefined when nothing came', () => {
    const ctx = env();
    const s = new Store<number>(ctx, { name: 's' });
    let got: number | undefined = 0;
    spawn(ctx, (function* () { got = yield* take(s, { timeoutS: 3 }); })());
    ctx.sim.run();
    expect(got).toBeUndefined();
    expect(ctx.sim.now).toBe(3);
  });

  test('a bounded store makes putters wait while full, and a take lets the first putter in', () => {
    const ctx = env();
    const s = new Store<number>(ctx, { name: 's', capacity: 2 });
    const log: [number, string][] = [];
    spawn(ctx, (function* () {
      for (let i = 1; i <= 4; i++) {
        yield* put(s, i);
        log.push([now(), `put ${i}`]);
      }
    })());
    spawn(ctx, (function* () {
      for (let i = 0; i < 4; i++) {
        yield* hold(5);
        const x = yield* take(s);
        log.push([now(), `took ${x}`]);
      }
    })());
    ctx.sim.run();
    expect(log).toEqual([
      [0, 'put 1'],
      [0, 'put 2'],
      [5, 'took 1'],
      [5, 'put 3'],
      [10, 'took 2'],
      [10, 'put 4'],
      [15, 'took 3'],
      [20, 'took 4'],
    ]);
  });

  test('offer adds an item from outside a process and wakes a taker', () => {
    const ctx = env();
    const s = new Store<string>(ctx, { name: 's' });
    let got: [number, string | undefined] = [0, ''];
    spawn(ctx, (function* () { const x = yield* take(s); got = [now(), x]; })());
    ctx.sim.call(4, () => s.offer('hello'));
    ctx.sim.run();
    expect(got).toEqual([4, 'hello']);
  });
});
