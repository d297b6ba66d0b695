import fc from 'fast-check';
import { expect, test } from 'vitest';
import { ConnectionPool, ModelContext, type PoolRequester } from '../src/index.ts';
import { checkProperty } from './helpers/property.ts';

const request = fc.record({
  atS: fc.integer({ min: 0, max: 50 }).map((x) => x / 2),
  holdS: fc.integer({ min: 0, max: 20 }).map((x) => x / 4),
  timeoutS: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 12 }).map((x) => x / 4)),
});

test('a pool never exceeds its size, serves waiters in FIFO order and ends every request exactly once', () => {
  checkProperty(
    fc.property(fc.integer({ min: 1, max: 4 }), fc.array(request, { maxLength: 40 }), (size, requests) => {
      const ctx = new ModelContext(1, 1000, 10);
      const pool = new ConnectionPool(ctx, { name: 'pool', size });
      const outcome: ('granted' | 'timedOut')[] = [];
      const grantOrder: number[] = [];
      const arrivedAt: number[] = [];
      const arrivalOrder: number[] = [];
      const releaser = { handleEvent: () => pool.release() };
      const who: PoolRequester = {
        granted: (i) => {
          expect(outcome[i]).toBeUndefined();
          expect(pool.inUse).toBeLessThanOrEqual(size);
          outcome[i] = 'granted';
          grantOrder.push(i);
          ctx.sim.schedule(requests[i]!.holdS, releaser);
        },
        timedOut: (i) => {
          expect(outcome[i]).toBeUndefined();
          expect(ctx.sim.now).toBe(arrivedAt[i]! + requests[i]!.timeoutS);
          outcome[i] = 'timedOut';
        },
      };
      requests.forEach((r, i) =>
        ctx.sim.call(r.atS, () => {
          arrivedAt[i] = ctx.sim.now;
          arrivalOrder.push(i);
          pool.acquire(who, i, r.timeoutS);
          // A request waits only when every connection is taken.
          if (outcome[i] === undefined) expect(pool.inUse).toBe(size);
        }),
      );
      ctx.sim.run();
      // Every request ended, once; nobody still holds or waits.
      for (let i = 0; i < requests.length; i++) expect(outcome[i]).toBeDefined();
      expect(pool.inUse).toBe(0);
      expect(pool.waiters).toBe(0);
      expect(pool.timeouts.total).toBe(outcome.filter((o) => o === 'timedOut').length);
      // No overtaking: granted requests were granted in the order they arrived.
      const grantedByArrival = arrivalOrder.filter((i) => outcome[i] === 'granted');
      expect(grantOrder).toEqual(grantedByArrival);
    }),
    { numRuns: 300 },
  );
});
