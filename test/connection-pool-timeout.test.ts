import { describe, expect, test } from 'vitest';
import { ConnectionPool, ModelContext, type PoolRequester } from '../src/index.ts';

type Trace = [number, string][];

/** A requester that logs what happens to each request, by name (token = index into names). */
function recorder(ctx: ModelContext, names: string[], log: Trace): PoolRequester {
  return {
    granted: (token) => log.push([ctx.sim.now, `${names[token]} granted`]),
    timedOut: (token) => log.push([ctx.sim.now, `${names[token]} timed out`]),
  };
}

function setup(size: number) {
  const ctx = new ModelContext(1, 100, 1);
  const pool = new ConnectionPool(ctx, { name: 'pool', size });
  const log: Trace = [];
  const names: string[] = [];
  const who = recorder(ctx, names, log);
  const acquire = (atS: number, name: string, timeoutS: number) =>
    ctx.sim.call(atS, () => {
      names.push(name);
      pool.acquire(who, names.length - 1, timeoutS);
    });
  const release = (atS: number) => ctx.sim.call(atS, () => pool.release());
  return { ctx, pool, log, acquire, release };
}

describe('ConnectionPool acquire timeout', () => {
  test('a waiter that times out leaves the queue and the next waiter gets the released connection', () => {
    const { ctx, pool, log, acquire, release } = setup(1);
    acquire(0, 'A', 10);
    acquire(1, 'B', 2);
    acquire(2, 'C', 10);
    release(4);
    ctx.sim.run(20);
    ctx.metrics.finish(20);
    expect(log).toEqual([
      [0, 'A granted'],
      [3, 'B timed out'],
      [4, 'C granted'],
    ]);
    expect(pool.timeouts.total).toBe(1);
    expect(pool.inUse).toBe(1);
    expect(pool.waiters).toBe(0);
    // Waits of granted requests: A none, C from 2 to 4.
    expect(pool.wait.count).toBe(2);
    expect(pool.wait.max).toBe(2);
    // Waiters: B over [1, 2), B and C over [2, 3), C over [3, 4).
    expect(pool.waitersGauge.bucketMeans().slice(0, 5)).toEqual([0, 1, 2, 1, 0]);
  });

  test('a waiter granted before its timeout is not timed out later', () => {
    const { ctx, pool, log, acquire, release } = setup(1);
    acquire(0, 'A', 1);
    acquire(0, 'B', 5);
    release(2);
    release(3);
    ctx.sim.run(20);
    expect(log).toEqual([
      [0, 'A granted'],
      [2, 'B granted'],
    ]);
    expect(pool.timeouts.total).toBe(0);
    expect(pool.inUse).toBe(0);
  });

  test('a timeout and a release at the same instant happen in the order they were scheduled', () => {
    // Release scheduled first (at setup, before B's acquire schedules its timeout): B gets the connection.
    const first = setup(1);
    first.acquire(0, 'A', 1);
    first.acquire(0, 'B', 5);
    first.release(5);
    first.ctx.sim.run(20);
    expect(first.log).toEqual([
      [0, 'A granted'],
      [5, 'B granted'],
    ]);

    // Release scheduled after B's timeout: B times out, then the connection goes back to the pool.
    const second = setup(1);
    second.acquire(0, 'A', 1);
    second.acquire(0, 'B', 5);
    second.ctx.sim.call(0, () => second.release(5));
    second.ctx.sim.run(20);
    expect(second.log).toEqual([
      [0, 'A granted'],
      [5, 'B timed out'],
    ]);
    expect(second.pool.inUse).toBe(0);
  });

  test('a zero timeout fails at once when the pool is full and succeeds when a connection is free', () => {
    const { ctx, log, acquire, release } = setup(1);
    acquire(0, 'A', 0);
    acquire(1, 'B', 0);
    release(2);
    acquire(3, 'C', 0);
    ctx.sim.run(20);
    expect(log).toEqual([
      [0, 'A granted'],
      [1, 'B timed out'],
      [3, 'C granted'],
    ]);
  });

  test('an infinite timeout waits as long as it takes, in FIFO order', () => {
    const { ctx, pool, log, acquire, release } = setup(2);
    acquire(0, 'A', Infinity);
    acquire(0, 'B', Infinity);
    acquire(1, 'C', Infinity);
    acquire(2, 'D', Infinity);
    release(1000);
    release(2000);
    ctx.sim.run(5000);
    expect(log).toEqual([
      [0, 'A granted'],
      [0, 'B granted'],
      [1000, 'C granted'],
      [2000, 'D granted'],
    ]);
    expect(pool.timeouts.total).toBe(0);
    expect(ctx.sim.pending).toBe(0);
  });

  test('thousands of timed-out waiters do not stop later waiters from being served in order', () => {
    const { ctx, pool, log, acquire, release } = setup(1);
    acquire(0, 'holder', Infinity);
    for (let i = 0; i < 5000; i++) acquire(1, `t${i}`, 1);
    acquire(1.5, 'patient', Infinity);
    release(10);
    ctx.sim.run(20);
    expect(log.filter(([, what]) => what.endsWith('timed out'))).toHaveLength(5000);
    expect(log.at(-1)).toEqual([10, 'patient granted']);
    expect(pool.waiters).toBe(0);
    expect(pool.inUse).toBe(1);
  });

  test('the shared server gauge counts the connections of every pool to the server', () => {
    const ctx = new ModelContext(1, 100, 1);
    const server = ctx.metrics.gauge('server_connections');
    const a = new ConnectionPool(ctx, { name: 'a', size: 2, serverConnections: server });
    const b = new ConnectionPool(ctx, { name: 'b', size: 1, serverConnections: server });
    const nobody: PoolRequester = { granted: () => {}, timedOut: () => {} };
    a.acquire(nobody, 0, 1);
    a.acquire(nobody, 1, 1);
    b.acquire(nobody, 2, 1);
    a.acquire(nobody, 3, 1);
    expect(server.value).toBe(3);
    a.release();
    expect(server.value).toBe(3);
    a.release();
    b.release();
    expect(server.value).toBe(1);
    expect(server.max).toBe(3);
  });
});
