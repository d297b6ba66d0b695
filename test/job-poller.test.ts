import { describe, expect, test } from 'vitest';
import { JobPoller, JobQueue, type JobSink, ModelContext } from '../src/index.ts';

/**
 * A poller over a queue of `jobs` jobs (all ready at 0) whose runner holds each job for
 * `runS`; returns [time, 'start'|'end', job] entries.
 */
function trace(opts: { jobs: number; batchSize: number; concurrency: number; intervalS: number; runS: number; untilS: number; arriveAtS?: number }) {
  const ctx = new ModelContext(1, opts.untilS, 1);
  const queue = new JobQueue(ctx, 'queue');
  const log: [number, string, number][] = [];
  const ender = { handleEvent: (_tag: number, job: number) => poller.finished.accept(job) };
  const runner: JobSink = {
    accept: (job) => {
      log.push([ctx.sim.now, 'start', job]);
      // runS 0: the job ends inside the call that started it.
      if (opts.runS === 0) poller.finished.accept(job);
      else ctx.sim.schedule(opts.runS, ender, 0, job);
    },
  };
  const done: JobSink = {
    accept: (job) => {
      log.push([ctx.sim.now, 'end', job]);
      ctx.jobs.release(job);
    },
  };
  const poller: JobPoller = new JobPoller(ctx, { name: 'jobs', queue, intervalS: opts.intervalS, batchSize: opts.batchSize, concurrency: opts.concurrency, run: runner, next: done });
  const arrive = () => {
    for (let i = 0; i < opts.jobs; i++) queue.accept(ctx.jobs.create(ctx.sim.now));
  };
  if (opts.arriveAtS === undefined) arrive();
  else ctx.sim.call(opts.arriveAtS, arrive);
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

  test('the concurrency bound caps jobs in flight, and a finished job hands its slot to the next fetched job at once', () => {
    // No LIMIT: the poll at 1 fetches all 7 and starts 3; each end starts the next, back to back.
    const { log, poller, queue } = trace({ jobs: 7, batchSize: Infinity, concurrency: 3, intervalS: 1, runS: 1.5, untilS: 6 });
    expect(log).toEqual([
      [1, 'start', 0],
      [1, 'start', 1],
      [1, 'start', 2],
      [2.5, 'end', 0],
      [2.5, 'start', 3],
      [2.5, 'end', 1],
      [2.5, 'start', 4],
      [2.5, 'end', 2],
      [2.5, 'start', 5],
      [4, 'end', 3],
      [4, 'start', 6],
      [4, 'end', 4],
      [4, 'end', 5],
      [5.5, 'end', 6],
    ]);
    expect(poller.executing.max).toBe(3);
    expect(poller.heldGauge.max).toBe(7);
    expect(poller.inFlight).toBe(0);
    expect(queue.length).toBe(0);
  });

  test('a poll fetches nothing while jobs of its last fetch wait for a slot', () => {
    // LIMIT 2, 3 slots, long jobs: poll 1 starts 2; poll 2 fetches 2 and starts 1; poll 3 skips.
    const { log, poller, queue } = trace({ jobs: 6, batchSize: 2, concurrency: 3, intervalS: 1, runS: 10, untilS: 4 });
    expect(log).toEqual([
      [1, 'start', 0],
      [1, 'start', 1],
      [2, 'start', 2],
    ]);
    expect(poller.heldCount).toBe(1);
    expect(queue.length).toBe(2);
    expect(poller.polls.total).toBe(3);
  });

  test('LIMIT 3 run one after another: the fetched batch runs back to back, and the next fetch waits until it has all started', () => {
    // The fix "fetch 50, await each in turn", at a small scale: 5 jobs of 0.4 s.
    const { log, poller } = trace({ jobs: 5, batchSize: 3, concurrency: 1, intervalS: 1, runS: 0.4, untilS: 4 });
    expect(log.map(([t, what, job]) => [Math.round(t * 10) / 10, what, job])).toEqual([
      [1, 'start', 0],
      [1.4, 'end', 0],
      [1.4, 'start', 1],
      [1.8, 'end', 1],
      [1.8, 'start', 2],
      // The poll at 2 finds the batch all started and fetches the next; job 3 waits for job 2.
      [2.2, 'end', 2],
      [2.2, 'start', 3],
      [2.6, 'end', 3],
      [2.6, 'start', 4],
      [3, 'end', 4],
    ]);
    expect(poller.executing.max).toBe(1);
    expect(poller.started.total).toBe(5);
  });

  test('one at a time, a job that ends inside its own start hands over to the next in the same instant, in order', () => {
    const { log, poller } = trace({ jobs: 4, batchSize: Infinity, concurrency: 1, intervalS: 1, runS: 0, untilS: 2 });
    expect(log).toEqual([
      [1, 'start', 0],
      [1, 'end', 0],
      [1, 'start', 1],
      [1, 'end', 1],
      [1, 'start', 2],
      [1, 'end', 2],
      [1, 'start', 3],
      [1, 'end', 3],
    ]);
    expect(poller.executing.max).toBe(1);
    expect(poller.inFlight).toBe(0);
  });

  test('a long sequential batch does not grow the stack with its length', () => {
    const { log } = trace({ jobs: 20_000, batchSize: Infinity, concurrency: 1, intervalS: 1, runS: 0, untilS: 2 });
    expect(log).toHaveLength(40_000);
  });

  test('jobs that arrive between polls wait for the next poll', () => {
    const { log } = trace({ jobs: 2, batchSize: Infinity, concurrency: 1, intervalS: 1, runS: 0.25, untilS: 4, arriveAtS: 1.5 });
    expect(log).toEqual([
      [2, 'start', 0],
      [2.25, 'end', 0],
      [2.25, 'start', 1],
      [2.5, 'end', 1],
    ]);
  });

  test('pollers sharing an executing total move it by their own jobs', () => {
    const ctx = new ModelContext(1, 3, 1);
    const total = ctx.metrics.gauge('jobs_executing');
    const ender = { handleEvent: (tag: number, job: number) => (tag === 0 ? a : b).finished.accept(job) };
    const runner = (tag: number, holdS: number): JobSink => ({ accept: (job) => ctx.sim.schedule(holdS, ender, tag, job) });
    const qa = new JobQueue(ctx, 'qa');
    const qb = new JobQueue(ctx, 'qb');
    const a: JobPoller = new JobPoller(ctx, { name: 'a', queue: qa, intervalS: 1, batchSize: Infinity, concurrency: Infinity, run: runner(0, 1.5), executingTotal: total });
    const b: JobPoller = new JobPoller(ctx, { name: 'b', queue: qb, intervalS: 1, batchSize: Infinity, concurrency: 2, run: runner(1, 0.5), executingTotal: total });
    for (let i = 0; i < 3; i++) qa.accept(ctx.jobs.create(0));
    for (let i = 0; i < 4; i++) qb.accept(ctx.jobs.create(0));
    const seen: [number, number][] = [];
    for (const t of [1, 1.25, 1.75, 2.25, 2.75]) ctx.sim.call(t, () => seen.push([t, total.value]));
    ctx.sim.run(3);
    // At 1: a starts 3, b starts 2 of its 4; b's next two start at 1.5 and end at 2.
    expect(seen).toEqual([
      [1, 5],
      [1.25, 5],
      [1.75, 5],
      [2.25, 3],
      [2.75, 0],
    ]);
    expect(total.max).toBe(5);
  });
});
