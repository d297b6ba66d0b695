import fc from 'fast-check';
import { expect, test } from 'vitest';
import { acquire, hold, Interrupt, interrupt, ModelContext, now, type Process, type ProcessBody, put, release, Resource, spawn, Store, take } from '../src/index.ts';

const customer = fc.record({
  atS: fc.integer({ min: 0, max: 40 }).map((x) => x / 2),
  holdS: fc.integer({ min: 0, max: 20 }).map((x) => x / 4),
  timeoutS: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 12 }).map((x) => x / 4)),
  priority: fc.integer({ min: 0, max: 2 }),
  interruptAfterS: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 12 }).map((x) => x / 4)),
});

test('a process resource never exceeds its capacity, never lets a waiter be overtaken, and ends every wait exactly once', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.array(customer, { minLength: 1, maxLength: 40 }), (capacity, byPriority, customers) => {
      const ctx = new ModelContext(1, 1000, 10);
      const r = new Resource(ctx, { name: 'r', capacity, discipline: byPriority ? 'priority' : 'fifo' });
      const outcome: string[] = [];
      const asked: [number, number, number][] = []; // [priority, time asked, index] of those who had to wait
      const grants: number[] = [];
      let held = 0;
      const procs: Process<void>[] = [];
      const inAcquire: boolean[] = [];
      customers.forEach((c, i) => {
        procs[i] = spawn(ctx, (function* (): ProcessBody {
          yield* hold(c.atS);
          const before = r.inUse;
          if (before === capacity || r.waiting > 0) asked.push([c.priority, now(), i]);
          let ok: boolean;
          inAcquire[i] = true;
          try {
            ok = yield* acquire(r, { timeoutS: c.timeoutS, priority: c.priority });
            inAcquire[i] = false;
          } catch (e) {
            inAcquire[i] = false;
            expect(e).toBeInstanceOf(Interrupt);
            expect(outcome[i]).toBeUndefined();
            outcome[i] = 'interrupted';
            return;
          }
          expect(outcome[i]).toBeUndefined();
          if (!ok) {
            outcome[i] = 'timed out';
            return;
          }
          outcome[i] = 'granted';
          grants.push(i);
          held++;
          // A unit is granted at the release that frees it; its holder resumes a moment later.
          expect(held).toBeLessThanOrEqual(r.inUse);
          expect(r.inUse).toBeLessThanOrEqual(capacity);
          yield* hold(c.holdS);
          held--;
          release(r);
        })());
        if (c.interruptAfterS !== Infinity) ctx.sim.call(c.atS + c.interruptAfterS, () => {
          if (inAcquire[i] && procs[i]!.waiting) interrupt(procs[i]!);
        });
      });
      ctx.sim.run();
      for (let i = 0; i < customers.length; i++) expect(outcome[i]).toBeDefined();
      expect(r.inUse).toBe(0);
      expect(r.waiting).toBe(0);
      expect(r.timeouts.total).toBe(outcome.filter((o) => o === 'timed out').length);
      // Among those who waited and were granted, grants follow (priority if any, then) the time they asked.
      const waitedAndGranted = asked.filter(([, , i]) => outcome[i] === 'granted');
      const order = [...waitedAndGranted].sort((a, b) => (byPriority ? a[0] - b[0] : 0) || a[1] - b[1] || a[2] - b[2]).map(([, , i]) => i);
      const grantedWaiters = grants.filter((i) => waitedAndGranted.some(([, , j]) => j === i));
      if (!byPriority) expect(grantedWaiters).toEqual(order);
    }),
    { numRuns: 200 },
  );
});

test('a store loses no item and duplicates none: everything put is taken once or still there', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }),
      fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 30 }),
      fc.array(fc.record({ atS: fc.integer({ min: 0, max: 30 }), timeoutS: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 5 })) }), { maxLength: 30 }),
      (capacity, putTimes, takers) => {
        const ctx = new ModelContext(1, 1000, 10);
        const s = new Store<number>(ctx, { name: 's', capacity });
        const putOk: number[] = [];
        const taken: number[] = [];
        putTimes.forEach((t, i) => spawn(ctx, (function* () {
          yield* hold(t);
          if (yield* put(s, i, { timeoutS: 3 })) putOk.push(i);
        })()));
        for (const k of takers) spawn(ctx, (function* () {
          yield* hold(k.atS);
          const x = yield* take(s, { timeoutS: k.timeoutS });
          if (x !== undefined) taken.push(x);
        })());
        ctx.sim.run();
        expect(s.length).toBeLessThanOrEqual(capacity);
        expect(new Set(taken).size).toBe(taken.length);
        expect(taken.length + s.length).toBe(putOk.length);
        expect(taken.every((x) => putOk.includes(x))).toBe(true);
      },
    ),
    { numRuns: 200 },
  );
});
