import { describe, expect, test } from 'vitest';
import {
  BackoffRetryPolicy,
  Client,
  Constant,
  ConstantBackoff,
  ModelContext,
  Outcome,
  Service,
  TokenBucketBudget,
  type ClientOptions,
  type ClientThrottle,
  type JobSink,
  type ReplyListener,
  type RequestTarget,
} from '../src/index.ts';

/** A target that answers try i after `script(i)` = [delay, outcome]; delay 0 answers before send returns. */
class ScriptedTarget implements RequestTarget {
  readonly sends: number[] = [];
  readonly cancels: [number, number][] = [];
  private readonly cancelled = new Set<number>();
  constructor(
    private readonly ctx: ModelContext,
    private readonly script: (i: number) => [number, Outcome],
  ) {}

  send(from: ReplyListener, token: number): number {
    const i = this.sends.length;
    this.sends.push(this.ctx.sim.now);
    const [delayS, outcome] = this.script(i);
    if (delayS === 0) from.reply(token, outcome);
    else this.ctx.sim.call(delayS, () => !this.cancelled.has(i) && from.reply(token, outcome));
    return i;
  }

  cancel(handle: number): boolean {
    this.cancels.push([this.ctx.sim.now, handle]);
    this.cancelled.add(handle);
    return true;
  }
}

/** A client, with its done and failed jobs logged as [time, job]. */
function setup<T extends RequestTarget>(target: (ctx: ModelContext) => T, opts: (ctx: ModelContext) => Partial<ClientOptions> & { timeoutS: number }) {
  const ctx = new ModelContext(1, 1000, 1);
  const done: [number, number][] = [];
  const failed: [number, number][] = [];
  const sink = (log: [number, number][]): JobSink => ({ accept: (job) => log.push([ctx.sim.now, job]) });
  const to = target(ctx);
  const client = new Client(ctx, { name: 'client', to, done: sink(done), failed: sink(failed), ...opts(ctx) });
  const request = (t: number) => ctx.sim.call(t, () => client.accept(ctx.jobs.create(ctx.sim.now)));
  return { ctx, client, done, failed, request, to };
}

const retries = (ctx: ModelContext, maxRetries: number, delayS = 0, budget?: TokenBucketBudget) =>
  new BackoffRetryPolicy({ maxRetries, backoff: new ConstantBackoff(delayS), ...(budget ? { budget } : {}), rng: ctx.sim.rng('retry') });

describe('a client with timeouts and retries', () => {
  test('a try that times out is retried; the late answer to the old try is never taken for the new one', () => {
    // One worker, 2 s of work, 1.5 s timeout, one immediate retry, work not cancelled. Try 1
    // times out at 1.5 s; try 2 (the same try slot, a newer generation) queues behind it.
    // Try 1's answer at 2 s is late and ignored; try 2 runs 2..4 s and times out at 3 s.
    const { ctx, client, done, failed, request, to: service } = setup(
      (c) => new Service(c, { name: 'svc', work: new Constant(2), workers: 1 }),
      (c) => ({ timeoutS: 1.5, retry: retries(c, 1) }),
    );
    request(0);
    ctx.sim.run();
    expect(done).toEqual([]);
    expect(failed).toEqual([[3, 0]]);
    expect([client.tries.total, client.retries.total, client.timeouts.total, client.lateReplies.total]).toEqual([2, 1, 2, 2]);
    expect(service.completed.total).toBe(2);
  });

  test('an answer inside the timeout succeeds, with the latency from the first send', () => {
    const { ctx, client, done, request } = setup((c) => new Service(c, { name: 'svc', work: new Constant(2), workers: 1 }), () => ({ timeoutS: 2.5 }));
    request(0);
    request(0);
    ctx.sim.run();
    // The second waits 2 s then runs 2 s: 4 s > 2.5 s, no retry policy: it fails at 2.5 s.
    expect(done).toEqual([[2, 0]]);
    expect([client.succeeded.total, client.failed.total, client.lateReplies.total]).toEqual([1, 1, 1]);
    ctx.metrics.finish(ctx.sim.now);
    expect(client.latency.mean).toBeCloseTo(2, 9);
  });

  test('retries stop at the policy limit, the client numbering them itself', () => {
    const { ctx, client, failed, to, request } = setup(
      (c) => new ScriptedTarget(c, () => [0, Outcome.rejected]),
      (c) => ({ timeoutS: 10, retry: retries(c, 3, 1) }),
    );
    request(0);
    ctx.sim.run();
    expect(to.sends).toEqual([0, 1, 2, 3]);
    expect(failed).toEqual([[3, 0]]);
    expect([client.tries.total, client.retries.total, client.refused.total]).toEqual([4, 3, 4]);
  });

  test('with cancellation the service stops the work of a timed-out try, so no answer comes late', () => {
    const { ctx, client, done, request, to: service } = setup(
      (c) => new Service(c, { name: 'svc', work: new Constant(2), workers: 1 }),
      () => ({ timeoutS: 1, cancelAbandoned: true }),
    );
    request(0);
    request(0.5);
    ctx.sim.run();
    // Request 0's work is cancelled at 1 s; request 1 starts then and times out at 1.5 s, cancelled too.
    expect(done).toEqual([]);
    expect([service.cancelled.total, service.completed.total, client.lateReplies.total]).toEqual([2, 0, 0]);
  });

  test('a hedge goes out when the first try is slow; the first answer wins and the loser is cancelled', () => {
    const { ctx, client, done, to, request } = setup(
      (c) => new ScriptedTarget(c, (i) => [i === 0 ? 3 : 1, Outcome.ok]),
      () => ({ timeoutS: 10, hedgeAfterS: 0.5, cancelAbandoned: true }),
    );
    request(0);
    ctx.sim.run();
    expect(done).toEqual([[1.5, 0]]);
    expect(to.sends).toEqual([0, 0.5]);
    expect(to.cancels).toEqual([[1.5, 0]]);
    expect([client.tries.total, client.hedges.total, client.retries.total, client.lateReplies.total]).toEqual([2, 1, 0, 0]);
  });

  test('without cancellation the losing hedge answers late and is counted as wasted', () => {
    const { ctx, client, done, request } = setup(
      (c) => new ScriptedTarget(c, (i) => [i === 0 ? 3 : 1, Outcome.ok]),
      () => ({ timeoutS: 10, hedgeAfterS: 0.5 }),
    );
    request(0);
    ctx.sim.run();
    expect(done).toEqual([[1.5, 0]]);
    expect(client.lateReplies.total).toBe(1);
  });

  test('a retry budget refuses retries once its tokens are spent', () => {
    const { ctx, client, failed, to, request } = setup(
      (c) => new ScriptedTarget(c, () => [0, Outcome.rejected]),
      (c) => ({ timeoutS: 10, retry: retries(c, 5, 0, new TokenBucketBudget(1, 0)) }),
    );
    request(0);
    request(1);
    ctx.sim.run();
    // Request 0: a try, one retry (the token), then refused by the budget. Request 1: one try.
    expect(to.sends).toEqual([0, 0, 1]);
    expect(failed.map(([t]) => t)).toEqual([0, 1]);
    expect(client.gaveUpBudget.total).toBe(2);
  });

  test('a try the throttle refuses ends the request at once, sending nothing', () => {
    const shut: ClientThrottle = { allows: () => false, recordAccept: () => {} };
    const { ctx, client, failed, to, request } = setup(
      (c) => new ScriptedTarget(c, () => [1, Outcome.ok]),
      () => ({ timeoutS: 10, throttle: shut }),
    );
    request(2);
    ctx.sim.run();
    expect(failed).toEqual([[2, 0]]);
    expect(to.sends).toEqual([]);
    expect([client.throttled.total, client.tries.total]).toEqual([1, 0]);
  });

  test('requests = succeeded + failed + in flight at every instant', () => {
    const { ctx, client, request } = setup((c) => new Service(c, { name: 'svc', work: new Constant(1), workers: 2 }), () => ({ timeoutS: 1.5 }));
    for (let i = 0; i < 20; i++) request(i * 0.3);
    for (let t = 0; t < 10; t += 0.25) {
      ctx.sim.call(t, () => expect(client.requests.total).toBe(client.succeeded.total + client.failed.total + client.open));
    }
    ctx.sim.run();
    expect(client.open).toBe(0);
    expect(client.requests.total).toBe(20);
  });

  test('a client is a target too: its sender hears ok on success, error when the client gives up', () => {
    const ctx = new ModelContext(1, 100, 1);
    const script = new ScriptedTarget(ctx, (i) => (i < 2 ? [0.5, Outcome.rejected] : [0.5, Outcome.ok]));
    const client = new Client(ctx, { name: 'client', to: script, timeoutS: 10, retry: retries(ctx, 1) });
    const log: [number, number, Outcome][] = [];
    const from: ReplyListener = { reply: (token, outcome) => log.push([ctx.sim.now, token, outcome]) };
    ctx.sim.call(0, () => client.send(from, 7)); // tries 0 and 1 refused: gives up at 1 s
    ctx.sim.call(2, () => client.send(from, 8)); // try 2 succeeds at 2.5 s
    ctx.sim.run();
    expect(log).toEqual([
      [1, 7, Outcome.error],
      [2.5, 8, Outcome.ok],
    ]);
  });

  test('a sender that cancels hears nothing more: tries abandoned (their work cancelled if asked), a pending retry dropped', () => {
    const ctx = new ModelContext(1, 100, 1);
    const script = new ScriptedTarget(ctx, () => [1, Outcome.rejected]);
    const client = new Client(ctx, { name: 'client', to: script, timeoutS: 10, retry: retries(ctx, 5, 2), cancelAbandoned: true });
    const log: number[] = [];
    const from: ReplyListener = { reply: (token) => log.push(token) };
    let a = -1;
    let b = -1;
    ctx.sim.call(0, () => (a = client.send(from, 1)));
    ctx.sim.call(0, () => (b = client.send(from, 2)));
    ctx.sim.call(0.5, () => expect(client.cancel(a)).toBe(true)); // during its first try
    ctx.sim.call(2, () => expect(client.cancel(b)).toBe(true)); // while it waits to retry (1 s + 2 s backoff)
    ctx.sim.run();
    expect(log).toEqual([]);
    expect(script.sends).toEqual([0, 0]);
    expect(script.cancels).toEqual([[0.5, 0]]);
    expect([client.abandoned.total, client.open, client.cancel(a)]).toEqual([2, 0, false]);
    expect(client.requests.total).toBe(client.succeeded.total + client.failed.total + client.abandoned.total + client.open);
  });

  test('clients stacked in layers multiply their retries: 3 tries outside × 3 inside = 9 at the service', () => {
    const ctx = new ModelContext(1, 100, 1);
    const script = new ScriptedTarget(ctx, () => [0.1, Outcome.rejected]);
    const inner = new Client(ctx, { name: 'inner', to: script, timeoutS: 10, retry: retries(ctx, 2) });
    const outer = new Client(ctx, { name: 'outer', to: inner, timeoutS: 10, retry: new BackoffRetryPolicy({ maxRetries: 2, backoff: new ConstantBackoff(0), rng: ctx.sim.rng('outer') }) });
    ctx.sim.call(0, () => outer.accept(ctx.jobs.create(0)));
    ctx.sim.run();
    expect(script.sends).toHaveLength(9);
    expect([outer.tries.total, inner.requests.total, inner.tries.total, outer.failed.total]).toEqual([3, 3, 9, 1]);
  });
});
