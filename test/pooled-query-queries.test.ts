import { describe, expect, test } from 'vitest';
import { Constant, ConnectionPool, Database, type JobSink, ModelContext, PooledQuery } from '../src/index.ts';

/**
 * One connection, a database with plenty of cores, units whose queries each need 1 s of CPU:
 * returns [time, what, unit] as connections are granted and units finish.
 */
function trace(units: { atS: number; queries: number; cpuS: number }[], untilS: number) {
  const ctx = new ModelContext(1, untilS, 1);
  const pool = new ConnectionPool(ctx, { name: 'pool', size: 1 });
  const db = new Database(ctx, { name: 'db', cores: 8 });
  const log: [number, string, number][] = [];
  const type = units.map((_, i) => ctx.jobs.typeId(`u${i}`));
  const done: JobSink = {
    accept: (job) => {
      log.push([ctx.sim.now, 'done', ctx.jobs.type[job]!]);
      ctx.jobs.release(job);
    },
  };
  const q = new PooledQuery(ctx, {
    name: 'q',
    pool,
    db,
    cpu: units.map((u) => new Constant(u.cpuS)),
    queries: units.map((u) => u.queries),
    acquireTimeoutS: Infinity,
    done,
  });
  units.forEach((u, i) => ctx.sim.call(u.atS, () => q.accept(ctx.jobs.create(ctx.sim.now, type[i]))));
  const grants: [number, number][] = [];
  const granted = q.granted.bind(q);
  q.granted = (job: number) => {
    grants.push([ctx.sim.now, ctx.jobs.type[job]!]);
    granted(job);
  };
  ctx.sim.run(untilS);
  return { log, grants, pool, ctx };
}

describe('PooledQuery with several queries per unit', () => {
  test('a unit returns its connection after each query and queues again behind whoever asked meanwhile', () => {
    // Unit 0: 3 queries of 1 s each (3 s of CPU); unit 1 asks at 0.5 s for one 1 s query.
    const { log, grants, pool } = trace(
      [
        { atS: 0, queries: 3, cpuS: 3 },
        { atS: 0.5, queries: 1, cpuS: 1 },
      ],
      10,
    );
    expect(grants).toEqual([
      [0, 0],
      [1, 1],
      [2, 0],
      [3, 0],
    ]);
    expect(log).toEqual([
      [2, 'done', 1],
      [4, 'done', 0],
    ]);
    expect(pool.inUse).toBe(0);
  });

  test('one query per unit keeps the connection from grant to done', () => {
    const { log, grants } = trace(
      [
        { atS: 0, queries: 1, cpuS: 3 },
        { atS: 0.5, queries: 1, cpuS: 1 },
      ],
      10,
    );
    expect(grants).toEqual([
      [0, 0],
      [3, 1],
    ]);
    expect(log).toEqual([
      [3, 'done', 0],
      [4, 'done', 1],
    ]);
  });

  test('job ids reused after a unit finishes start again from their first query', () => {
    const { log } = trace(
      [
        { atS: 0, queries: 2, cpuS: 1 },
        { atS: 5, queries: 2, cpuS: 1 },
      ],
      10,
    );
    expect(log).toEqual([
      [1, 'done', 0],
      [6, 'done', 1],
    ]);
  });
});
