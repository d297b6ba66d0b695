import { describe, expect, test } from 'vitest';
import { JobPoller, JobQueue, type JobSink, ModelContext } from '../src/index.ts';

/**
 * A poller over a queue of `jobs` jobs (all ready at 0) whose runner holds each job for
 * `runS`; returns [time, 'start'|'end', job] entries.
 */
function trace(opts: { jobs: number; batchSize: number; concurrency: number; intervalS: number; runS: number; untilS: number }) {
  const ctx = new ModelContext(1, opts.untilS, 1);
  const queue = new JobQueue(ctx, 'queue');
  const log: [number, string, number][] = [];
  const ender = { handleEvent: (_tag: number, job: number) => poller.finished.accept(job) };
  const runner: JobSink = {
    accept: (job) => {
      log.push([ctx.sim.now, 'start', job]);
      ctx.sim.schedule(opts.runS, ender, 0, job);
    },
  };
  const done: JobSink = {
    accept: (job) => {
      log.push([ctx.sim.now, 'end', job]);
      ctx.jobs.release(job);
    },
  };
  const poller: JobPoller = new JobPoller(ctx, { name: 'jobs', queue, intervalS: opts.intervalS, batchSize: opts.batchSize, concurrency: opts.concurrency, run: runner, next: done });
  for (let i = 0; i < opts.jobs; i++) queue.accept(ctx.jobs.create(0));
  ctx.sim.run(opts.untilS);
  return { log, poller, queue, ctx };
}

describe('JobPoller', () => {
  test('with no LIMIT and no concurrency bound one poll starts every ready job at once', () => {
    const { log, poller } = trace({ jobs: 5, batchSize: Infinity, concurrency: Infinity, intervalS: 1, runS: 0.5, untilS: 3 });
    expect(log.filter(([, what]) => what === 'start').map(([t]) => t)).toEqual([1, 1, 1, 1, 1]);
    expect(poller.executing.max).toBe(5);
  });

  test('the batch size is the LIMIT of each poll', () => {
    const { log } = trace({ jobs: 5, batchSize: 2, concurrency: Infinity, intervalS: 1, runS: 0.5, untilS: 5 });
    expect(log.filter(([, what]) => what === 'start')).toEqual([
      [1, 'start', 0],
      [1, 'start', 1],
      [2, 'start', 2],
      [2, 'start', 3],
      [3, 'start', 4],
    ]);
  });

  test('the concurrency bound caps jobs in flight, and freed slots fill at the next poll', () => {
    // 3 slots, jobs take 1.5 s: 3 start at 1, end at 2.5; the poll at 3 starts the next 3.
    const { log, poller, queue } = trace({ jobs: 7, batchSize: Infinity, concurrency: 3, intervalS: 1, runS: 1.5, untilS: 6 });
    expect(log).toEqual([
      [1, 'start', 0],
      [1, 'start', 1],
      [1, 'start', 2],
      [2.5, 'end', 0],
      [2.5, 'end', 1],
      [2.5, 'end', 2],
      [3, 'start', 3],
      [3, 'start', 4],
      [3, 'start', 5],
      [4.5, 'end', 3],
      [4.5, 'end', 4],
      [4.5, 'end', 5],
      [5, 'start', 6],
    ]);
    expect(poller.executing.max).toBe(3);
    expect(poller.inFlight).toBe(1);
    expect(queue.length).toBe(0);
  });

  test('a poll takes the smaller of the batch size and the free slots', () => {
    const { log } = trace({ jobs: 6, batchSize: 2, concurrency: 3, intervalS: 1, runS: 10, untilS: 4 });
    expect(log).toEqual([
      [1, 'start', 0],
      [1, 'start', 1],
      [2, 'start', 2],
    ]);
  });
});
