import { describe, expect, test } from 'vitest';
import { BatchRunner, Constant, createRetryPolicy, DownstreamService, EffectLedger, ItemCheckpoint, ModelContext, Rng, type BatchRunnerOptions } from '../src/index.ts';

/** Five items, item 3 with bad data; a downstream taking 1 s per item; two items in flight. */
function setup(o: Partial<BatchRunnerOptions> = {}, bad = [0, 0, 0, 1, 0]) {
  const ctx = new ModelContext(1, 1000, 60);
  const ledger = new EffectLedger(ctx, 'users');
  const downstream = new DownstreamService(ctx, { name: 'ds', latency: new Constant(1), concurrency: 10, effects: ledger, restartS: 10 });
  const runner = new BatchRunner(ctx, { name: 'batch', downstream, concurrency: 2, badItems: Uint8Array.from(bad), ...o });
  const finished: [number, boolean][] = [];
  runner.listener = { runFinished: (ok) => finished.push([ctx.sim.now, ok]) };
  const applied = () => Array.from({ length: bad.length }, (_, i) => ledger.timesApplied(i));
  return { ctx, runner, downstream, finished, applied };
}

describe('batch runner', () => {
  test('one bad item aborts the run; the item already sent still moves money, but the job never records it', () => {
    const checkpoint = new ItemCheckpoint(5);
    const { ctx, runner, finished, applied } = setup({ checkpoint });
    runner.start(0, 5);
    ctx.sim.run();
    // t=0: items 0, 1 sent. t=1: 0 done -> 2 sent; 1 done -> 3 throws: abort. Item 2 commits at t=2.
    expect(finished).toEqual([[1, false]]);
    expect(applied()).toEqual([1, 1, 1, 0, 0]);
    expect([0, 1, 2, 3, 4].map((i) => checkpoint.isDone(i))).toEqual([true, true, false, false, false]);
    expect([runner.stopsBadData.total, runner.failedItems.value]).toEqual([1, 1]);
  });

  test('a re-run resumes from the checkpoint and moves money again only for the item that was in flight at the abort', () => {
    const checkpoint = new ItemCheckpoint(5);
    const { ctx, runner, finished, applied } = setup({ checkpoint });
    runner.start(0, 5);
    ctx.sim.call(10, () => runner.start(0, 5));
    ctx.sim.run();
    expect(finished).toEqual([
      [1, false],
      [10, false],
    ]);
    expect(applied()).toEqual([1, 1, 2, 0, 0]);
    expect([runner.itemsResumed.total, runner.itemFailures.total, runner.failedItems.value]).toEqual([2, 2, 1]);
  });

  test('a bad item that is skipped fails unrecorded and the run completes; the next run tries it again', () => {
    const checkpoint = new ItemCheckpoint(5);
    const { ctx, runner, finished, applied } = setup({ checkpoint, onItemFailure: 'skip' });
    runner.start(0, 5);
    ctx.sim.run();
    expect(finished).toEqual([[2, true]]);
    expect(applied()).toEqual([1, 1, 1, 0, 1]);
    expect([0, 1, 2, 3, 4].map((i) => checkpoint.isDone(i))).toEqual([true, true, true, false, true]);
    expect(checkpoint.doneCount).toBe(4);
    runner.start(0, 5);
    ctx.sim.run();
    // Only item 3 was left: it fails again at once, nothing is sent.
    expect(finished).toEqual([
      [2, true],
      [2, true],
    ]);
    expect([runner.itemsResumed.total, runner.itemFailures.total, runner.failedItems.value, runner.itemsSent.total]).toEqual([4, 2, 1, 4]);
  });

  test('a bad item skipped and reported is recorded as handled and never tried again', () => {
    const checkpoint = new ItemCheckpoint(5);
    const { ctx, runner, finished } = setup({ checkpoint, onItemFailure: 'report' });
    runner.start(0, 5);
    ctx.sim.run();
    expect(finished).toEqual([[2, true]]);
    expect(checkpoint.doneCount).toBe(5);
    runner.start(0, 5);
    ctx.sim.run();
    expect([runner.itemsResumed.total, runner.itemFailures.total, runner.stopsBadData.total]).toEqual([5, 1, 0]);
  });

  test('swallowed downstream errors reach nobody: the run completes, the money never moved, the items stay unrecorded for the next run', () => {
    const checkpoint = new ItemCheckpoint(5);
    const { ctx, runner, downstream, finished, applied } = setup({ checkpoint, onItemFailure: 'skip' });
    runner.start(0, 5);
    ctx.sim.call(0.5, () => downstream.crash());
    ctx.sim.run();
    // Items 0 and 1 fail at 0.5 (swallowed); 2 and 4 go to a crashed service and fail at once.
    expect(finished).toEqual([[0.5, true]]);
    expect(applied()).toEqual([0, 0, 0, 0, 0]);
    expect(runner.errorsSwallowed.total).toBe(4);
    expect([0, 1, 2, 3, 4].map((i) => checkpoint.isDone(i))).toEqual([false, false, false, false, false]);
  });

  test('a surfaced downstream error stops the run and leaves the item unfinished for the next run', () => {
    const checkpoint = new ItemCheckpoint(5);
    const { ctx, runner, downstream, finished } = setup({ checkpoint, onItemFailure: 'skip', onDownstreamError: 'stop' });
    runner.start(0, 5);
    ctx.sim.call(0.5, () => downstream.crash());
    ctx.sim.run();
    expect(finished).toEqual([[0.5, false]]);
    expect([runner.stopsDownstreamError.total, runner.errorsSwallowed.total]).toEqual([1, 0]);
    expect([0, 1].map((i) => checkpoint.isDone(i))).toEqual([false, false]);
  });

  test('a seen downstream error is retried after the policy\'s backoff, the item staying in flight, and the run completes', () => {
    const { ctx, runner, downstream, finished, applied } = setup({
      onItemFailure: 'skip',
      onDownstreamError: 'stop',
      retry: createRetryPolicy(new Rng('test/retry'), { maxRetries: 2, backoff: 'constant', baseS: 20 }),
    });
    runner.start(0, 5);
    ctx.sim.call(0.5, () => downstream.crash());
    ctx.sim.run();
    // Items 0 and 1 fail at 0.5 and go again at 20.5 (the service is back at 10.5): done at 21.5;
    // then 2 and 4 (3 is skipped) finish at 22.5.
    expect(finished).toEqual([[22.5, true]]);
    expect(applied()).toEqual([1, 1, 1, 0, 1]);
    expect([runner.retries.total, runner.stopsDownstreamError.total]).toEqual([2, 0]);
  });
});
