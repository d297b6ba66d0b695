import { describe, expect, test } from 'vitest';
import { Constant, createRetryPolicy, ItemMix, JobQueue, ModelContext, Rng, StagedProcessor, type ItemType } from '../src/index.ts';

function setup(opts: { workers: number; hold?: boolean; classification?: 'blind' | 'classified'; transient?: number }) {
  const ctx = new ModelContext(1, 1000, 10);
  const queue = new JobQueue(ctx, 'q');
  const types: ItemType[] = [{ name: 'good' }, { name: 'bad', permanentFailure: { stage: 'check' } }];
  const log: [number, string][] = [];
  const sink = (what: string) => ({ accept: (job: number) => (log.push([ctx.sim.now, `${what} ${ctx.jobs.typeNames[ctx.jobs.type[job]!]}`]), ctx.jobs.release(job)) });
  const proc = new StagedProcessor(ctx, {
    name: 'p',
    workers: opts.workers,
    queue,
    stages: [
      { name: 'check', duration: new Constant(1) },
      { name: 'save', duration: new Constant(2), transientFailureRatio: opts.transient ?? 0 },
    ],
    types,
    retry: createRetryPolicy(ctx.sim.rng('retry'), { maxRetries: 2, backoff: 'linear', baseS: 0.5, classification: opts.classification }),
    holdWorkerDuringBackoff: opts.hold,
    done: sink('done'),
    failed: sink('failed'),
  });
  return { ctx, queue, proc, log, bad: ctx.jobs.typeId('bad'), good: ctx.jobs.typeId('good') };
}

describe('staged processor', () => {
  test('a bad item is retried blindly while its worker sleeps through the backoff, then fails at its stage', () => {
    const { ctx, queue, proc, log, bad, good } = setup({ workers: 1 });
    queue.accept(ctx.jobs.create(0, bad));
    queue.accept(ctx.jobs.create(0, good));
    ctx.sim.run();
    ctx.metrics.finish(ctx.sim.now);
    // bad: check 1 s, wait 0.5, check 1, wait 1, check 1 -> fails at 4.5; good: 1 + 2 s -> 7.5.
    expect(log).toEqual([
      [4.5, 'failed bad'],
      [7.5, 'done good'],
    ]);
    expect([proc.retries.total, proc.backoffWait.total, proc.retryWork.total]).toEqual([2, 1.5, 2]);
    expect([proc.failedByStage[0]!.total, proc.failedByStage[1]!.total, proc.stageTime[0]!.total, proc.stageTime[1]!.total]).toEqual([1, 0, 4, 2]);
    expect([proc.gaveUpExhausted.total, proc.gaveUpNotRetryable.total]).toEqual([1, 0]);
  });

  test('classified, a bad item fails after one attempt', () => {
    const { ctx, queue, proc, log, bad, good } = setup({ workers: 1, classification: 'classified' });
    queue.accept(ctx.jobs.create(0, bad));
    queue.accept(ctx.jobs.create(0, good));
    ctx.sim.run();
    expect(log).toEqual([
      [1, 'failed bad'],
      [4, 'done good'],
    ]);
    expect([proc.retries.total, proc.gaveUpNotRetryable.total]).toEqual([0, 1]);
  });

  test('when the worker does not hold the item, the retry goes to the back of the queue and the worker moves on', () => {
    const { ctx, queue, log, bad, good } = setup({ workers: 1, hold: false });
    queue.accept(ctx.jobs.create(0, bad));
    queue.accept(ctx.jobs.create(0, good));
    ctx.sim.run();
    // bad fails at 1, is requeued at 1.5 behind nothing (good runs 1..4), retried 4..5, requeued 6, retried 6..7.
    expect(log).toEqual([
      [4, 'done good'],
      [7, 'failed bad'],
    ]);
  });

  test('transient failures are retried until they pass, and nothing is lost', () => {
    const { ctx, queue, proc, good } = setup({ workers: 3, transient: 0.3 });
    for (let i = 0; i < 200; i++) queue.accept(ctx.jobs.create(0, good));
    ctx.sim.run();
    expect(proc.succeeded.total + proc.failed.total).toBe(200);
    expect(proc.retries.total).toBeGreaterThan(40);
    expect(proc.retrySuccesses.total).toBeGreaterThan(proc.retries.total * 0.6);
    expect(proc.gaveUpNotRetryable.total).toBe(0);
    expect(ctx.jobs.live).toBe(0);
  });

  test('an exact mix holds exactly the share of each type, shuffled', () => {
    const ctx = new ModelContext(1, 10, 1);
    const mix = new ItemMix(ctx.jobs, [{ name: 'a', weight: 0.7 }, { name: 'b', weight: 0.2 }, { name: 'c', weight: 0.1 }]);
    const order = mix.exact(10001, new Rng('m'));
    const counts = [0, 1, 2].map((t) => order.filter((x) => x === t).length);
    expect(counts).toEqual([7001, 2000, 1000]);
    expect(Array.from(order.slice(0, 10)).every((x) => x === 0)).toBe(false);
  });
});
