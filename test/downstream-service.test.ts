import { describe, expect, test } from 'vitest';
import { Constant, DownstreamService, EffectLedger, IdempotencyKeys, ModelContext, type DownstreamServiceOptions } from '../src/index.ts';

type Opts = Omit<DownstreamServiceOptions, 'name' | 'latency' | 'concurrency'> & { latencyS?: number; concurrency?: number };

/** A downstream with constant latency and a caller that logs [time, key, ok]. */
function setup(o: Opts = {}) {
  const ctx = new ModelContext(1, 10_000, 60);
  const ledger = new EffectLedger(ctx, 'effects');
  const ds = new DownstreamService(ctx, { name: 'ds', latency: new Constant(o.latencyS ?? 1), concurrency: o.concurrency ?? 1, effects: ledger, ...o });
  const log: [number, number, boolean][] = [];
  ds.caller = {
    downstreamResponse(job, ok) {
      log.push([ctx.sim.now, ctx.jobs.data[job]!, ok]);
      ctx.jobs.release(job);
    },
  };
  const send = (atS: number, key: number) =>
    ctx.sim.call(atS, () => {
      const job = ctx.jobs.create(ctx.sim.now);
      ctx.jobs.data[job] = key;
      ds.request(job);
    });
  return { ctx, ds, ledger, log, send };
}

describe('downstream service', () => {
  test('requests beyond its concurrency wait in its queue and are served in order', () => {
    const { ctx, ds, log, send } = setup({ concurrency: 2 });
    for (const key of [1, 2, 3]) send(0, key);
    ctx.sim.run();
    expect(log).toEqual([
      [1, 1, true],
      [1, 2, true],
      [2, 3, true],
    ]);
    expect([ds.requests.total, ds.commits.total, ds.errors.total, ds.inFlight.max]).toEqual([3, 3, 0, 2]);
  });

  test('memory grows by the leak per request and the process dies at its limit, failing every request in flight', () => {
    const { ctx, ds, ledger, log, send } = setup({ concurrency: 4, baselineMemoryMb: 100, leakPerRequestMb: 10, memoryLimitMb: 130, restartS: 60, commitAtRatio: 0.5, errorLatencyS: 0.05 });
    send(0, 1);
    send(0.6, 2);
    send(0.8, 3); // 130 MB: killed
    send(30, 4); // down: connection refused
    send(61, 5); // restarted at 60.8
    ctx.sim.run();
    expect(log).toEqual([
      [0.8, 1, false],
      [0.8, 2, false],
      [0.8, 3, false],
      [30.05, 4, false],
      [62, 5, true],
    ]);
    // Request 1 was 0.8 s into its 1 s when the process died: past its commit point, so its
    // effect happened although its caller saw an error. Requests 2 and 3 had not committed.
    expect([ledger.timesApplied(1), ledger.timesApplied(2), ledger.timesApplied(3), ledger.timesApplied(5)]).toEqual([1, 0, 0, 1]);
    expect([ds.crashes.total, ds.restarts.total, ds.errors.total, ds.memory.max, ds.memory.value]).toEqual([1, 0, 4, 130, 110]);
  });

  test('a planned restart at a memory threshold drains, holds new requests and fails none', () => {
    const { ctx, ds, log, send } = setup({ baselineMemoryMb: 100, leakPerRequestMb: 10, memoryLimitMb: 200, restartAtMb: 120, restartS: 10 });
    for (const key of [1, 2, 3]) send(0, key);
    ctx.sim.run();
    // Request 2 takes memory to 120 MB: it finishes at 2, the restart runs 2..12, request 3 waits.
    expect(log).toEqual([
      [1, 1, true],
      [2, 2, true],
      [13, 3, true],
    ]);
    expect([ds.crashes.total, ds.restarts.total, ds.errors.total, ds.memory.max, ds.memory.value]).toEqual([0, 1, 0, 120, 110]);
  });

  test('requests beyond the queue limit are rejected with an error at once', () => {
    const { ctx, ds, log, send } = setup({ queueLimit: 1 });
    for (const key of [1, 2, 3]) send(0, key);
    ctx.sim.run();
    expect(log).toEqual([
      [0, 3, false],
      [1, 1, true],
      [2, 2, true],
    ]);
    expect(ds.errors.total).toBe(1);
  });

  test('without idempotency keys a repeated request moves money twice; with them the repeat is a no-op', () => {
    const plain = setup();
    plain.send(0, 7);
    plain.send(5, 7);
    plain.ctx.sim.run();
    expect([plain.ledger.processed.value, plain.ledger.duplicates.value, plain.ds.replays.total]).toEqual([1, 1, 0]);

    const keyed = setup({ idempotency: new IdempotencyKeys() });
    keyed.send(0, 7);
    keyed.send(5, 7);
    keyed.ctx.sim.run();
    expect([keyed.ledger.processed.value, keyed.ledger.duplicates.value, keyed.ds.replays.total]).toEqual([1, 0, 1]);
    expect(keyed.log).toEqual([
      [1, 7, true],
      [6, 7, true],
    ]);
  });

  test('random crashes arrive at the configured mean interval and each one is followed by the restart time', () => {
    const { ctx, ds } = setup({ crashMtbfS: 100, restartS: 0 });
    ctx.sim.run(100_000);
    // Poisson with mean 1000 crashes: 4 standard deviations either side.
    expect(ds.crashes.total).toBeGreaterThan(1000 - 4 * Math.sqrt(1000));
    expect(ds.crashes.total).toBeLessThan(1000 + 4 * Math.sqrt(1000));
  });
});
