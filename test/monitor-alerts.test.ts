import { expect, test } from 'vitest';
import { ClassQueue, FaultTimeline, JobQueue, ModelContext, Monitor, OldestJobAgeProbe, Priority, QueueDepthProbe, StaticProbe, WorkersAliveProbe } from '../src/index.ts';

test('the monitor alerts after K consecutive failed checks, once per incident, and reacts after the delay', () => {
  const ctx = new ModelContext(1, 10_000, 60);
  const web = new StaticProbe('web');
  const alerts: number[] = [];
  const reactions: number[] = [];
  const monitor = new Monitor(ctx, {
    name: 'health',
    probes: [new StaticProbe('db'), web],
    intervalS: 60,
    alertAfter: 2,
    reactionDelayS: 300,
    onAlert: (t) => alerts.push(t),
    reaction: () => reactions.push(ctx.sim.now),
  });
  const timeline = new FaultTimeline(ctx, 'faults', [
    { atS: 100, label: 'web down', apply: () => (web.up = false) },
    { atS: 500, label: 'web up', apply: () => (web.up = true) },
    { atS: 600, label: 'web down again', apply: () => (web.up = false) },
  ]);
  ctx.sim.run(1100);
  // Checks at 60 (pass), 120 (fail 1), 180 (fail 2: alert), 240..480 (still failing: no new alert), 540 (pass),
  // 600 (fail 1: the fault at 600 was scheduled first, so it fires before the check), 660 (fail 2: alert).
  expect(alerts).toEqual([180, 660]);
  expect(reactions).toEqual([480, 960]);
  expect([monitor.alerts.total, timeline.count.total]).toEqual([2, 3]);
  expect(timeline.marks).toEqual([
    { t: 100, label: 'web down' },
    { t: 500, label: 'web up' },
    { t: 600, label: 'web down again' },
  ]);
});

test('worker, depth and oldest-job-age probes fail exactly past their thresholds', () => {
  const ctx = new ModelContext(1, 10_000, 60);
  const queue = new JobQueue(ctx, 'queue');
  const pool = { workers: 0 };
  const alive = new WorkersAliveProbe(pool, 1);
  const depth = new QueueDepthProbe(queue, 1);
  const age = new OldestJobAgeProbe(queue, 600);
  queue.accept(ctx.jobs.create(0));
  ctx.sim.run(600);
  expect([alive.healthy(), depth.healthy(), age.healthy()]).toEqual([false, true, true]);
  queue.accept(ctx.jobs.create(600));
  ctx.sim.run(601);
  pool.workers = 1;
  expect([alive.healthy(), depth.healthy(), age.healthy()]).toEqual([true, false, false]);
});

test('a class queue reports its depth per class, and the classes add up to the whole', () => {
  const ctx = new ModelContext(1, 10_000, 60);
  const queue = new ClassQueue(ctx, 'queue', ['print', 'ping'], new Priority());
  const print = ctx.jobs.typeId('print');
  const ping = ctx.jobs.typeId('ping');
  for (const [type, prio] of [[ping, 1], [ping, 1], [print, 0], [ping, 1]] as const) queue.accept(ctx.jobs.create(0, type, prio));
  expect([queue.depthOf('print').value, queue.depthOf('ping').value, queue.depth.value]).toEqual([1, 3, 4]);
  expect(ctx.jobs.type[queue.take()]).toBe(print);
  expect([queue.depthOf('print').value, queue.depthOf('ping').value, queue.depth.value]).toEqual([0, 3, 3]);
});
