import { describe, expect, test } from 'vitest';
import {
  CoDelShedder,
  Constant,
  ModelContext,
  NO_REQUEST,
  Outcome,
  QueueAgeShedder,
  QueueLengthShedder,
  Service,
  type ReplyListener,
  type ServiceOptions,
} from '../src/index.ts';

type Log = [number, number, Outcome][];

/** A service, a log of its replies as [time, token, outcome], and a way to send at a time. */
function setup(opts: Omit<ServiceOptions, 'name'>) {
  const ctx = new ModelContext(1, 1000, 1);
  const service = new Service(ctx, { name: 'svc', ...opts });
  const log: Log = [];
  const from: ReplyListener = { reply: (token, outcome) => log.push([ctx.sim.now, token, outcome]) };
  const handles: number[] = [];
  const sendAt = (t: number, token: number) => ctx.sim.call(t, () => (handles[token] = service.send(from, token)));
  return { ctx, service, log, from, handles, sendAt };
}

const OK = Outcome.ok;

describe('a service with load-dependent latency', () => {
  test('one worker on one core serves FIFO: each request waits for the one before', () => {
    const { ctx, log, sendAt } = setup({ work: new Constant(1), workers: 1 });
    sendAt(0, 0);
    sendAt(0.5, 1);
    sendAt(0.6, 2);
    ctx.sim.run();
    expect(log).toEqual([
      [1, 0, OK],
      [2, 1, OK],
      [3, 2, OK],
    ]);
  });

  test('requests in service share the cores by processor sharing (the engine Database uses)', () => {
    // Three 1-second requests on 2 cores: each gets 2/3 of a core, all finish at 1.5 s.
    const { ctx, log, sendAt, service } = setup({ work: new Constant(1), cores: 2 });
    for (let i = 0; i < 3; i++) sendAt(0, i);
    ctx.sim.run();
    expect(log).toEqual([
      [1.5, 0, OK],
      [1.5, 1, OK],
      [1.5, 2, OK],
    ]);
    ctx.metrics.finish(ctx.sim.now);
    expect(service.latency.mean).toBeCloseTo(1.5, 9);
  });

  test('latency = base + slope × concurrency: each request starting beside k others needs slope · k more', () => {
    const { ctx, log, sendAt } = setup({ work: new Constant(1), cores: Infinity, slopeS: 0.5 });
    for (let i = 0; i < 3; i++) sendAt(0, i);
    sendAt(1.75, 3); // one still running (the third, until 2 s): needs 1 + 0.5
    ctx.sim.run();
    expect(log).toEqual([
      [1, 0, OK],
      [1.5, 1, OK],
      [2, 2, OK],
      [3.25, 3, OK],
    ]);
  });

  test('a capacity cut slows the work in service, which keeps the progress it made', () => {
    // 1 s of work; half done at 0.5 s, then capacity 50% for 1 s (0.5 s more of work): done at 1.5 s.
    const { ctx, log, sendAt, service } = setup({
      work: new Constant(1),
      capacity: [
        { atS: 0.5, ratio: 0.5 },
        { atS: 1.5, ratio: 1 },
      ],
    });
    sendAt(0, 0);
    sendAt(1.5, 1);
    ctx.sim.run();
    expect(log).toEqual([
      [1.5, 0, OK],
      [2.5, 1, OK],
    ]);
    expect(service.capacity).toBe(1);
  });

  test('a pause (capacity 0) stops all work until capacity returns', () => {
    const { ctx, log, sendAt } = setup({
      work: new Constant(1),
      cores: 2,
      capacity: [
        { atS: 0.25, ratio: 0 },
        { atS: 2.25, ratio: 1 },
      ],
    });
    sendAt(0, 0);
    sendAt(1, 1); // arrives during the pause: nothing progresses until 2.25 s
    ctx.sim.run();
    expect(log).toEqual([
      [3, 0, OK],
      [3.25, 1, OK],
    ]);
  });

  test('a cancelled waiting request is never served nor answered; the next one takes its place', () => {
    const { ctx, log, sendAt, service, handles } = setup({ work: new Constant(1), workers: 1 });
    sendAt(0, 0);
    sendAt(0.1, 1);
    sendAt(0.2, 2);
    ctx.sim.call(0.5, () => expect(service.cancel(handles[1]!)).toBe(true));
    ctx.sim.call(0.6, () => expect(service.cancel(handles[1]!)).toBe(false));
    ctx.sim.run();
    expect(log).toEqual([
      [1, 0, OK],
      [2, 2, OK],
    ]);
    expect(service.cancelled.total).toBe(1);
  });

  test('cancelling running work frees its worker at once; a stale handle cancels nothing', () => {
    const { ctx, log, sendAt, service, handles } = setup({ work: new Constant(1), workers: 1 });
    sendAt(0, 0);
    sendAt(0.1, 1);
    ctx.sim.call(0.4, () => expect(service.cancel(handles[0]!)).toBe(true));
    ctx.sim.run();
    expect(log).toEqual([[1.4, 1, OK]]);
    // The slot of request 0 was reused by nobody, yet its old handle is stale.
    expect(service.cancel(handles[0]!)).toBe(false);
    expect(service.cancel(handles[1]!)).toBe(false);
  });

  test('lifo serves the newest waiting request first', () => {
    const { ctx, log, sendAt } = setup({ work: new Constant(1), workers: 1, queueOrder: 'lifo' });
    for (let i = 0; i < 4; i++) sendAt(i * 0.1, i);
    ctx.sim.run();
    expect(log.map(([t, token]) => [t, token])).toEqual([
      [1, 0],
      [2, 3],
      [3, 2],
      [4, 1],
    ]);
  });

  test('adaptive lifo serves oldest first after a recent empty queue, newest first once the queue stands', () => {
    const { ctx, log, sendAt } = setup({ work: new Constant(1), workers: 1, queueOrder: 'adaptive-lifo', lifoAfterS: 1.5 });
    for (let i = 0; i < 4; i++) sendAt(i * 0.1, i);
    ctx.sim.run();
    // At 1 s the queue has been non-empty since 0.1 s (0.9 s <= 1.5 s): oldest (1). At 2 s it
    // has stood 1.9 s: newest (3), then 2.
    expect(log.map(([, token]) => token)).toEqual([0, 1, 3, 2]);
  });

  test('a bounded queue refuses at once, before send returns', () => {
    const { ctx, log, sendAt, handles } = setup({ work: new Constant(1), workers: 1, shedder: new QueueLengthShedder(1) });
    sendAt(0, 0);
    sendAt(0, 1);
    sendAt(0, 2);
    ctx.sim.run();
    expect(log).toEqual([
      [0, 2, Outcome.rejected],
      [1, 0, OK],
      [2, 1, OK],
    ]);
    expect(handles[2]).toBe(NO_REQUEST);
  });

  test('age-based shedding drops at the head, at no cost in work, requests that waited too long', () => {
    const { ctx, log, sendAt, service } = setup({ work: new Constant(1), workers: 1, shedder: new QueueAgeShedder(1.5) });
    sendAt(0, 0);
    sendAt(0, 1); // starts at 1 s (waited 1 s)
    sendAt(0.2, 2); // reached at 2 s, waited 1.8 s: shed; 3 starts at once
    sendAt(0.9, 3); // reached at 2 s, waited 1.1 s
    ctx.sim.run();
    // Requests a worker passes over are answered before the one it just finished.
    expect(log).toEqual([
      [1, 0, OK],
      [2, 2, Outcome.shed],
      [2, 1, OK],
      [3, 3, OK],
    ]);
    expect(service.shed.total).toBe(1);
  });

  test('CoDel lets a burst wait up to the interval, but keeps a standing queue to its target', () => {
    const { ctx, log, sendAt } = setup({ work: new Constant(1), workers: 1, shedder: new CoDelShedder(0.5, 2) });
    for (let i = 0; i < 5; i++) sendAt(0, i);
    ctx.sim.run();
    // Queue non-empty from 0 s. At 1 s: standing for 1 s (< 2 s interval), so a wait up to 2 s
    // is fine: 1 runs. At 2 s: waited 2 s, not over 2: 2 runs. At 3 s: standing 3 s > 2 s,
    // target 0.5 s applies: 3 (waited 3 s) and 4 are shed.
    expect(log).toEqual([
      [1, 0, OK],
      [2, 1, OK],
      [3, 3, Outcome.shed],
      [3, 4, Outcome.shed],
      [3, 2, OK],
    ]);
  });

  test('gauges follow the requests: concurrency = in service + waiting', () => {
    const { ctx, sendAt, service } = setup({ work: new Constant(1), workers: 2 });
    for (let i = 0; i < 5; i++) sendAt(0, i);
    ctx.sim.run(0.5);
    expect([service.active, service.queued]).toEqual([2, 3]);
    ctx.sim.run();
    ctx.metrics.finish(ctx.sim.now);
    expect(service.concurrency.max).toBe(5);
    expect(service.completed.total).toBe(5);
    expect([service.active, service.queued]).toEqual([0, 0]);
  });
});
