import { expect, test } from 'vitest';
import {
  BackoffRetryPolicy,
  ConstantBackoff,
  DeadLetterQueue,
  FailedJobs,
  FailureClass,
  JobQueue,
  ModelContext,
  Constant,
  ProcessPool,
  Redelivery,
  TransientOnlyClassification,
} from '../src/index.ts';

function setup(maxRetries: number) {
  const ctx = new ModelContext(1, 10_000, 60);
  const queue = new JobQueue(ctx, 'queue');
  const dlq = new DeadLetterQueue(ctx, 'dead_letter');
  const failed = new FailedJobs(ctx, 'failed');
  const redelivery = new Redelivery(ctx, {
    name: 'redelivery',
    policy: new BackoffRetryPolicy({ maxRetries, backoff: new ConstantBackoff(60), classification: new TransientOnlyClassification(), rng: ctx.sim.rng('retry') }),
    to: queue,
    giveUp: dlq,
    notRetryable: failed,
  });
  return { ctx, queue, dlq, failed, redelivery };
}

test('a job whose attempts time out is redelivered after the delay and dead-lettered when its attempts run out', () => {
  const { ctx, queue, dlq, redelivery } = setup(1);
  new ProcessPool(ctx, { name: 'pool', workers: 1, queue, service: new Constant(Infinity), jobTimeoutS: 30, timeoutAction: 'kill', failures: redelivery });
  const job = ctx.jobs.create(0);
  queue.accept(job);
  const log: [number, number, number][] = [];
  for (const t of [29, 31, 89, 91, 119, 121]) ctx.sim.call(t, () => log.push([t, redelivery.pending.value, dlq.count.total]));
  ctx.sim.run(200);
  // Attempt 1: 0-30, killed; back on the queue at 90; attempt 2: 90-120, killed; no retry left.
  expect(log).toEqual([
    [29, 0, 0],
    [31, 1, 0],
    [89, 1, 0],
    [91, 0, 0],
    [119, 0, 0],
    [121, 0, 1],
  ]);
  expect([redelivery.retries.total, redelivery.gaveUp.total, ctx.jobs.live]).toEqual([1, 1, 0]);
});

test('a permanent failure goes to the not-retryable sink at once, never to the dead-letter queue', () => {
  const { ctx, dlq, failed, redelivery } = setup(5);
  const job = ctx.jobs.create(0);
  ctx.jobs.attempts[job] = 1;
  redelivery.attemptFailed(job, FailureClass.permanent);
  expect([failed.count.total, dlq.count.total, redelivery.retries.total, ctx.jobs.live]).toEqual([1, 0, 0, 0]);
});
