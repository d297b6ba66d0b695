import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Database, ModelContext, type QueryRequester } from '../src/index.ts';
import { checkProperty } from './helpers/property.ts';

interface Query {
  atS: number;
  cpuS: number;
}

/** Runs queries through a Database; returns each query's completion time, by index. */
function simulate(cores: number, queries: readonly Query[]): { done: number[]; order: number[]; ctx: ModelContext; db: Database } {
  const ctx = new ModelContext(1, 1000, 1);
  const db = new Database(ctx, { name: 'db', cores });
  const done: number[] = [];
  const order: number[] = [];
  const who: QueryRequester = {
    queryDone: (i) => {
      done[i] = ctx.sim.now;
      order.push(i);
    },
  };
  queries.forEach((q, i) => ctx.sim.call(q.atS, () => db.query(who, i, q.cpuS)));
  ctx.sim.run();
  return { done, order, ctx, db };
}

/**
 * The textbook method, as a reference: keep each running query's remaining work; at every
 * arrival or departure, advance all of them by elapsed * min(1, cores / n). O(n) per change.
 */
function reference(cores: number, queries: readonly Query[]): number[] {
  const remaining = new Map<number, number>();
  const done: number[] = [];
  const arrivals = queries.map((q, i) => ({ ...q, i })).sort((a, b) => a.atS - b.atS || a.i - b.i);
  let t = 0;
  let next = 0;
  while (next < arrivals.length || remaining.size > 0) {
    const n = remaining.size;
    const rate = n <= cores ? 1 : cores / n;
    let minLeft = Infinity;
    for (const w of remaining.values()) minLeft = Math.min(minLeft, w);
    const tDone = n > 0 ? t + minLeft / rate : Infinity;
    const tArrive = next < arrivals.length ? arrivals[next]!.atS : Infinity;
    const tNext = Math.min(tDone, tArrive);
    for (const [i, w] of remaining) remaining.set(i, w - (tNext - t) * rate);
    t = tNext;
    if (tDone <= tArrive) {
      for (const [i, w] of [...remaining]) {
        if (w <= 1e-12) {
          done[i] = t;
          remaining.delete(i);
        }
      }
    } else {
      const a = arrivals[next++]!;
      remaining.set(a.i, a.cpuS);
    }
  }
  return done;
}

describe('Database processor sharing', () => {
  test('two equal queries on one core share it and both finish at twice their work', () => {
    const { done, order } = simulate(1, [
      { atS: 0, cpuS: 1 },
      { atS: 0, cpuS: 1 },
    ]);
    expect(done).toEqual([2, 2]);
    expect(order).toEqual([0, 1]);
  });

  test('a query arriving halfway halves the first one\'s speed until it finishes', () => {
    // A runs alone for 0.5 s (0.5 done), then both run at 1/2: A needs 1 s more, ends at 1.5;
    // B has 0.5 done by then and finishes alone at 2.
    const { done } = simulate(1, [
      { atS: 0, cpuS: 1 },
      { atS: 0.5, cpuS: 1 },
    ]);
    expect(done).toEqual([1.5, 2]);
  });

  test('queries run at full speed while there are no more of them than cores', () => {
    const { done } = simulate(4, [
      { atS: 0, cpuS: 1 },
      { atS: 0, cpuS: 2 },
      { atS: 0.25, cpuS: 0.5 },
      { atS: 1, cpuS: 3 },
    ]);
    expect(done).toEqual([1, 2, 0.75, 4]);
  });

  test('three queries on two cores each get two thirds of a core', () => {
    const { done } = simulate(2, [
      { atS: 0, cpuS: 1 },
      { atS: 0, cpuS: 1 },
      { atS: 0, cpuS: 1 },
    ]);
    expect(done).toEqual([1.5, 1.5, 1.5]);
  });

  test('CPU utilisation is busy cores over cores and accounts for all the work', () => {
    // 2 cores; four 1 s queries at 0: all run at 1/2 and end at 2. One more at 3 runs alone to 4.
    const { ctx, db } = simulate(2, [
      { atS: 0, cpuS: 1 },
      { atS: 0, cpuS: 1 },
      { atS: 0, cpuS: 1 },
      { atS: 0, cpuS: 1 },
      { atS: 3, cpuS: 1 },
    ]);
    ctx.metrics.finish(5);
    expect(db.cpu.bucketMeans()).toEqual([1, 1, 0, 0.5, 0]);
    expect(db.queries.max).toBe(4);
    // Work conservation: core-seconds busy = total work (5).
    expect(db.cpu.mean * 5 * 2).toBe(5);
    expect(db.queryTime.count).toBe(5);
  });

  test('two requesters using the same tokens each hear of their own queries, and every query time is recorded', () => {
    const ctx = new ModelContext(1, 1000, 1);
    const db = new Database(ctx, { name: 'db', cores: 1 });
    const heard: string[] = [];
    const a: QueryRequester = { queryDone: (t) => heard.push(`a${t}@${ctx.sim.now}`) };
    const b: QueryRequester = { queryDone: (t) => heard.push(`b${t}@${ctx.sim.now}`) };
    // On one core: a7 (1 s) alone until 0.5 s, then a7, b7 (0.5 s) and b2**40 (1 s) share it.
    ctx.sim.call(0, () => db.query(a, 7, 1));
    ctx.sim.call(0.5, () => db.query(b, 7, 0.5));
    ctx.sim.call(0.5, () => db.query(b, 2 ** 40, 1));
    ctx.sim.run();
    // 0.5 s left for a7 and b7 at a third of the core each: both end at 2 s (a7 started first);
    // b2**40 then has 0.5 s left alone: 2.5 s.
    expect(heard).toEqual(['a7@2', 'b7@2', `b${2 ** 40}@2.5`]);
    expect(db.queryTime.count).toBe(3);
  });

  test('completion times agree with the remaining-work reference method on random workloads', () => {
    const query = fc.record({
      atS: fc.integer({ min: 0, max: 40 }).map((x) => x / 8),
      cpuS: fc.integer({ min: 0, max: 40 }).map((x) => x / 16),
    });
    checkProperty(
      fc.property(fc.constantFrom(0.5, 1, 2, 3, 8), fc.array(query, { minLength: 1, maxLength: 30 }), (cores, queries) => {
        const { done } = simulate(cores, queries);
        const expected = reference(cores, queries);
        expect(done).toHaveLength(queries.length);
        for (let i = 0; i < queries.length; i++) expect(done[i]).toBeCloseTo(expected[i]!, 9);
      }),
      { numRuns: 400 },
    );
  });

  test('a query is never done before its work at full speed, and the last one ends when all work is done', () => {
    checkProperty(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 1, max: 100 }).map((x) => x / 100), { minLength: 1, maxLength: 50 }),
        (cores, works) => {
          const { done } = simulate(
            cores,
            works.map((cpuS) => ({ atS: 0, cpuS })),
          );
          works.forEach((w, i) => expect(done[i]).toBeGreaterThanOrEqual(w - 1e-12));
          // All start together and the server is never idle: the makespan is max(total / cores, largest job).
          const total = works.reduce((a, b) => a + b, 0);
          const lower = Math.max(...works, total / cores);
          expect(Math.max(...done)).toBeGreaterThanOrEqual(lower - 1e-9);
          expect(Math.max(...done)).toBeLessThanOrEqual(total / Math.min(cores, 1) + 1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
