import { describe, expect, test } from 'vitest';
import {
  acquire,
  BackoffRetryPolicy,
  CircuitBreaker,
  ConnectionPool,
  Database,
  ExponentialBackoff,
  FailureClass,
  GiveUp,
  hold,
  interrupt,
  JobQueue,
  now,
  type ProcessBody,
  query,
  release,
  retry,
  Signal,
  spawn,
  take,
  TransientOnlyClassification,
  wait,
  WorkerPool,
  Constant,
  Departures,
} from '../src/index.ts';
import { env } from './helpers/process-env.ts';

describe('processes drive the existing components', () => {
  test('a process borrows a ConnectionPool connection, runs a Database query, and returns the connection', () => {
    const ctx = env();
    const pool = new ConnectionPool(ctx, { name: 'db_pool', size: 1 });
    const db = new Database(ctx, { name: 'db', cores: 1 });
    const log: [number, string][] = [];
    function* request(name: string): ProcessBody {
      const ok = yield* acquire(pool, { timeoutS: 5 });
      log.push([now(), `${name} ${ok ? 'got a connection' : 'timed out'}`]);
      if (!ok) return;
      yield* query(db, 2);
      log.push([now(), `${name} query done`]);
      release(pool);
    }
    spawn(ctx, request('a'));
    spawn(ctx, request('b'));
    spawn(ctx, request('c'));
    ctx.sim.run();
    // a holds 0-2, b 2-4, c 4-6: each waits less than its 5 s acquire timeout.
    expect(log).toEqual([
      [0, 'a got a connection'],
      [2, 'a query done'],
      [2, 'b got a connection'],
      [4, 'b query done'],
      [4, 'c got a connection'],
      [6, 'c query done'],
    ]);
    expect(pool.inUse).toBe(0);
    expect(pool.timeouts.total).toBe(0);
  });

  test("the pool's own acquire timeout tells the process it timed out", () => {
    const ctx = env();
    const pool = new ConnectionPool(ctx, { name: 'p', size: 1 });
    const got: [number, boolean][] = [];
    spawn(ctx, (function* () { yield* acquire(pool); yield* hold(10); release(pool); })());
    spawn(ctx, (function* () { const ok = yield* acquire(pool, { timeoutS: 3 }); got.push([now(), ok]); })());
    ctx.sim.run();
    expect(got).toEqual([[3, false]]);
    expect(pool.timeouts.total).toBe(1);
  });

  test('a process interrupted while waiting for a pool connection does not leak it: the late grant goes back', () => {
    const ctx = env();
    const pool = new ConnectionPool(ctx, { name: 'p', size: 1 });
    const log: [number, string][] = [];
    spawn(ctx, (function* () { yield* acquire(pool); yield* hold(10); release(pool); })());
    const gaveUp = spawn(ctx, (function* () { yield* acquire(pool); log.push([now(), 'never']); })());
    spawn(ctx, (function* () { yield* hold(1); yield* acquire(pool); log.push([now(), 'third got it']); yield* hold(1); release(pool); })());
    spawn(ctx, (function* () { yield* hold(2); interrupt(gaveUp); })());
    ctx.sim.run();
    expect(log).toEqual([[10, 'third got it']]);
    expect(pool.inUse).toBe(0);
  });

  test('a query the process stopped waiting for keeps running on the database (work is not cancelled)', () => {
    const ctx = env();
    const db = new Database(ctx, { name: 'db', cores: 1 });
    const log: [number, string | boolean][] = [];
    spawn(ctx, (function* () { const ok = yield* query(db, 4, { timeoutS: 1 }); log.push([now(), ok]); })());
    spawn(ctx, (function* () { yield* hold(2); log.push([now(), `queries running: ${db.active}`]); })());
    ctx.sim.run();
    expect(log).toEqual([[1, false], [2, 'queries running: 1']]);
    expect(db.active).toBe(0);
    expect(ctx.sim.now).toBe(4);
  });

  test('a process puts jobs on a JobQueue that a WorkerPool serves, and waits for them to finish', () => {
    const ctx = env();
    const queue = new JobQueue(ctx, 'jobs');
    const finished = new Map<number, Signal>();
    const done = new Departures(ctx, 'done');
    const pool = new WorkerPool(ctx, {
      name: 'workers', workers: 2, queue, service: new Constant(3),
      next: { accept: (job) => { finished.get(job)!.fire(); finished.delete(job); done.accept(job); } },
    });
    const log: [number, string][] = [];
    spawn(ctx, (function* () {
      const signals: Signal[] = [];
      for (let i = 0; i < 3; i++) {
        const job = ctx.jobs.create(now());
        const s = new Signal();
        finished.set(job, s);
        signals.push(s);
        queue.accept(job);
      }
      for (const s of signals) yield* wait(s);
      log.push([now(), 'all three done']);
    })());
    ctx.sim.run();
    expect(log).toEqual([[6, 'all three done']]);
    expect(pool.completed.total).toBe(3);
  });

  test('process workers take jobs from a JobQueue fed by anything', () => {
    const ctx = env();
    const queue = new JobQueue(ctx, 'inbox');
    const log: [number, number][] = [];
    for (let w = 0; w < 2; w++) {
      spawn(ctx, (function* () {
        for (;;) {
          const job = yield* take(queue, { timeoutS: 10 });
          if (job < 0) return;
          yield* hold(1);
          log.push([now(), ctx.jobs.data[job]!]);
          ctx.jobs.release(job);
        }
      })());
    }
    for (const [t, tag] of [[0.5, 1], [0.5, 2], [0.5, 3]] as const) {
      ctx.sim.call(t, () => {
        const j = ctx.jobs.create(ctx.sim.now);
        ctx.jobs.data[j] = tag;
        queue.accept(j);
      });
    }
    ctx.sim.run();
    expect(log).toEqual([[1.5, 1], [1.5, 2], [2.5, 3]]);
  });
});

describe('safe identities and retries', () => {
  test("a stale timeout can't touch a newer try: try 1 fails fast, its timer would fire during try 2, and try 2 still gets its reply", () => {
    const ctx = env();
    const log: [number, string][] = [];
    // The server answers try 1 with an error at 0.2 s and try 2 with success 0.9 s after it starts.
    const replies: Signal<string>[] = [];
    function* server(tryNo: number, reply: Signal<string>): ProcessBody {
      yield* hold(tryNo === 1 ? 0.2 : 0.9);
      reply.fire(tryNo === 1 ? 'error' : 'ok');
    }
    spawn(ctx, (function* () {
      for (let tryNo = 1; tryNo <= 2; tryNo++) {
        const reply = new Signal<string>();
        replies.push(reply);
        spawn(server(tryNo, reply));
        const answered = yield* wait(reply, { timeoutS: 1 }); // try 1's timer is due at 1.0, inside try 2 (0.2 .. 1.1)
        log.push([now(), `try ${tryNo}: ${answered ? reply.value : 'timeout'}`]);
        if (answered && reply.value === 'ok') return;
      }
    })());
    ctx.sim.run();
    expect(log).toEqual([[0.2, 'try 1: error'], [1.1, 'try 2: ok']]);
  });

  test('a job handle goes stale when its job is released, even though the id is reused', () => {
    const ctx = env();
    const a = ctx.jobs.create(0);
    const h = ctx.jobs.handle(a);
    expect(ctx.jobs.resolve(h)).toBe(a);
    ctx.jobs.release(a);
    const b = ctx.jobs.create(1);
    expect(b).toBe(a); // the id is reused...
    expect(ctx.jobs.resolve(h)).toBe(-1); // ...but the old handle does not name the new job
    expect(ctx.jobs.resolve(ctx.jobs.handle(b))).toBe(b);
  });

  test("retries stop at the policy's limit with no counter kept by the model; delays follow the backoff", () => {
    const ctx = env();
    const policy = new BackoffRetryPolicy({ maxRetries: 3, backoff: new ExponentialBackoff(0.1), rng: ctx.sim.rng('retry') });
    const attemptsAt: number[] = [];
    let outcome: unknown;
    spawn(ctx, (function* () {
      outcome = yield* retry(policy, function* () {
        attemptsAt.push(now());
        yield* hold(1);
        return FailureClass.transient;
      });
    })());
    ctx.sim.run();
    expect(outcome).toEqual({ ok: false, attempts: 4, giveUp: GiveUp.exhausted, backoffS: expect.closeTo(0.7, 12) });
    // attempt 1 at 0, fails at 1, waits 0.1; attempt 2 at 1.1, fails at 2.1, waits 0.2; ...
    expect(attemptsAt.map((t) => +t.toFixed(9))).toEqual([0, 1.1, 2.3, 3.7]);
  });

  test('under classification a permanent failure is not retried, and a success after retries ends the loop', () => {
    const ctx = env();
    const policy = new BackoffRetryPolicy({ maxRetries: 5, backoff: new ExponentialBackoff(1), classification: new TransientOnlyClassification(), rng: ctx.sim.rng('retry') });
    const outcomes: unknown[] = [];
    spawn(ctx, (function* () {
      outcomes.push(yield* retry(policy, function* () { return FailureClass.permanent; }));
      outcomes.push(yield* retry(policy, function* (n) { yield* hold(0); return n === 3 ? true : FailureClass.transient; }));
    })());
    ctx.sim.run();
    expect(outcomes).toEqual([
      { ok: false, attempts: 1, giveUp: GiveUp.notRetryable, backoffS: 0 },
      { ok: true, attempts: 3, giveUp: 0, backoffS: 3 },
    ]);
  });

  test('a circuit breaker guards calls made from processes', () => {
    const ctx = env();
    const breaker = new CircuitBreaker(ctx, { name: 'smtp', failureThreshold: 2, openS: 10 });
    const type = ctx.jobs.typeId('email');
    const log: string[] = [];
    spawn(ctx, (function* () {
      for (let i = 0; i < 4; i++) {
        if (!breaker.allow(type)) {
          log.push(`${now()}: rejected`);
        } else {
          yield* hold(1);
          breaker.onFailure(type);
          log.push(`${now()}: failed`);
        }
      }
      yield* hold(10);
      log.push(`${now()}: ${breaker.allow(type) ? 'trial allowed' : 'rejected'}`);
    })());
    ctx.sim.run();
    expect(log).toEqual(['1: failed', '2: failed', '2: rejected', '2: rejected', '12: trial allowed']);
  });
});
