import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DownstreamService, EffectLedger, IdempotencyKeys, ModelContext, NoIdempotency, Uniform } from '../src/index.ts';
import { checkProperty } from './helpers/property.ts';

interface Timeline {
  keys: number;
  crashTimesS: number[];
  resendDelayS: number;
  commitAtRatio: number;
  leakPerRequestMb: number;
  concurrency: number;
}

/**
 * A caller that sends each key once and re-sends it after an error until it succeeds, against
 * a downstream that crashes at the given times (and at its memory limit). Returns how many
 * times each key's effect applied.
 */
function run(t: Timeline, idempotent: boolean): number[] {
  const ctx = new ModelContext(1, 600, 60);
  const ledger = new EffectLedger(ctx, 'effects');
  const ds = new DownstreamService(ctx, {
    name: 'ds',
    latency: new Uniform(0.5, 2),
    concurrency: t.concurrency,
    baselineMemoryMb: 100,
    leakPerRequestMb: t.leakPerRequestMb,
    memoryLimitMb: 150,
    restartS: 5,
    errorLatencyS: 0.01,
    commitAtRatio: t.commitAtRatio,
    idempotency: idempotent ? new IdempotencyKeys() : new NoIdempotency(),
    effects: ledger,
  });
  const send = (key: number) => {
    const job = ctx.jobs.create(ctx.sim.now);
    ctx.jobs.data[job] = key;
    ds.request(job);
  };
  ds.caller = {
    downstreamResponse(job, ok) {
      const key = ctx.jobs.data[job]!;
      ctx.jobs.release(job);
      if (!ok) ctx.sim.call(t.resendDelayS, () => send(key));
    },
  };
  for (let k = 0; k < t.keys; k++) ctx.sim.call(k * 0.1, () => send(k));
  for (const at of t.crashTimesS) ctx.sim.call(at, () => ds.crash());
  ctx.sim.run();
  return Array.from({ length: t.keys }, (_, k) => ledger.timesApplied(k));
}

const timeline = fc.record({
  keys: fc.integer({ min: 1, max: 40 }),
  crashTimesS: fc.array(fc.integer({ min: 0, max: 6000 }).map((cs) => cs / 100), { maxLength: 12 }),
  resendDelayS: fc.integer({ min: 1, max: 100 }).map((ds) => ds / 10),
  commitAtRatio: fc.integer({ min: 0, max: 100 }).map((pct) => pct / 100),
  leakPerRequestMb: fc.constantFrom(0, 1, 5),
  concurrency: fc.integer({ min: 1, max: 8 }),
});

describe('downstream exactly-once', () => {
  test('with idempotency keys and a caller that re-sends on error, every key moves money exactly once whatever the crash timeline', () => {
    checkProperty(
      fc.property(timeline, (t) => {
        expect(run(t, true)).toEqual(new Array<number>(t.keys).fill(1));
      }),
      { numRuns: 200 },
    );
  });

  test('without idempotency keys the same retries move money twice when a crash kills a request after its commit point', () => {
    const counts = run({ keys: 1, crashTimesS: [0.9], resendDelayS: 1, commitAtRatio: 0, leakPerRequestMb: 0, concurrency: 1 }, false);
    expect(counts).toEqual([2]);
  });
});
