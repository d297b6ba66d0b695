import { describe, expect, test } from 'vitest';
import {
  BatchAlert,
  BatchRunner,
  BatchTrigger,
  Constant,
  DownstreamService,
  ItemCheckpoint,
  ModelContext,
  Operator,
  type BatchRunnerOptions,
  type BatchTriggerOptions,
} from '../src/index.ts';

/** Five items, item `badAt` with bad data (none by default); 1 s per item, one in flight. */
function setup(o: Partial<BatchTriggerOptions> = {}, badAt = -1, r: Partial<BatchRunnerOptions> = {}) {
  const ctx = new ModelContext(1, 100_000, 60);
  const downstream = new DownstreamService(ctx, { name: 'ds', latency: new Constant(1), concurrency: 10 });
  const bad = new Uint8Array(5);
  if (badAt >= 0) bad[badAt] = 1;
  const runner = new BatchRunner(ctx, { name: 'batch', downstream, concurrency: 1, badItems: bad, ...r });
  const trigger = new BatchTrigger(ctx, { name: 'trigger', runner, idChars: 10, ...o });
  const log: [number, string][] = [];
  trigger.observe({
    batchStarted: () => log.push([ctx.sim.now, 'started']),
    batchStopped: () => log.push([ctx.sim.now, 'stopped']),
    batchCompleted: () => log.push([ctx.sim.now, 'completed']),
  });
  return { ctx, trigger, downstream, runner, log };
}

describe('batch trigger', () => {
  test('a request longer than the limit is rejected outright and no item runs', () => {
    const { ctx, trigger, downstream, log } = setup({ overheadChars: 5, limitChars: 54 });
    expect(trigger.requestChars(5)).toBe(55);
    trigger.press();
    ctx.sim.run();
    expect(log).toEqual([
      [0, 'started'],
      [0, 'stopped'],
    ]);
    expect([trigger.rejected.total, downstream.requests.total]).toEqual([1, 0]);
  });

  test('chunks keep each request under the limit and run one after another', () => {
    const { ctx, trigger, downstream, log } = setup({ overheadChars: 5, limitChars: 54, chunkSize: 4 });
    trigger.press();
    ctx.sim.run();
    expect(log).toEqual([
      [0, 'started'],
      [5, 'completed'],
    ]);
    expect([trigger.requests.total, trigger.rejected.total, downstream.requests.total]).toEqual([2, 0, 5]);
  });

  test('the operator presses again after noticing a stop, and the batch starts over from the first item', () => {
    const { ctx, trigger, downstream, log } = setup({}, 2);
    const operator = new Operator(ctx, { name: 'operator', trigger, noticeDelay: new Constant(100) });
    trigger.press();
    ctx.sim.run(250);
    // Items 0 and 1 take 2 s, item 2 throws at t=2; each press redoes items 0 and 1.
    expect(log).toEqual([
      [0, 'started'],
      [2, 'stopped'],
      [102, 'started'],
      [104, 'stopped'],
      [204, 'started'],
      [206, 'stopped'],
    ]);
    expect([operator.restarts.total, trigger.presses.total, downstream.requests.total]).toEqual([2, 3, 6]);
  });

  test('an alert pages the operator, who presses after the alert delay and the response time instead of hours later', () => {
    const { ctx, trigger, log } = setup({}, 2);
    const operator = new Operator(ctx, { name: 'operator', trigger, noticeDelay: new Constant(3600), pageResponseS: 10 });
    const alert = new BatchAlert(ctx, { name: 'alert', trigger, operator, forS: 5 });
    trigger.press();
    ctx.sim.run(40);
    expect(log).toEqual([
      [0, 'started'],
      [2, 'stopped'],
      [17, 'started'],
      [19, 'stopped'],
      [34, 'started'],
      [36, 'stopped'],
    ]);
    expect([alert.fired.total, operator.restarts.total]).toEqual([2, 2]);
  });

  test('nobody presses again after the batch completes', () => {
    const { ctx, trigger } = setup();
    const operator = new Operator(ctx, { name: 'operator', trigger, noticeDelay: new Constant(1) });
    trigger.press();
    ctx.sim.run(1000);
    expect([trigger.completions.total, trigger.presses.total, operator.restarts.total]).toEqual([1, 1, 0]);
  });

  test('the operator presses again while a run leaves work and presses make progress, and stops after one that changes nothing', () => {
    // Item 2 is bad and skipped unrecorded: each run ends "complete" with one item left.
    const checkpoint = new ItemCheckpoint(5);
    const { ctx, trigger, downstream, log } = setup({}, 2, { checkpoint, onItemFailure: 'skip' });
    let doneAt = NaN;
    const operator = new Operator(ctx, {
      name: 'operator',
      trigger,
      noticeDelay: new Constant(100),
      remaining: () => 5 - checkpoint.doneCount,
      patience: 1,
      onDone: () => (doneAt = ctx.sim.now),
    });
    trigger.press();
    ctx.sim.run(1000);
    // Press 1 records 4 of 5; press 2 (at 104) finds only the bad item, which fails again at once.
    expect(log).toEqual([
      [0, 'started'],
      [4, 'completed'],
      [104, 'started'],
      [104, 'completed'],
    ]);
    expect([trigger.presses.total, operator.restarts.total, operator.pressesWithoutProgress.total, downstream.requests.total]).toEqual([2, 1, 1, 4]);
    expect([operator.gaveUp, operator.done, doneAt]).toEqual([true, true, 104]);
  });

  test('with nothing left after a run the operator is done without pressing again', () => {
    const checkpoint = new ItemCheckpoint(5);
    const { ctx, trigger } = setup({}, -1, { checkpoint });
    let doneAt = NaN;
    const operator = new Operator(ctx, { name: 'operator', trigger, noticeDelay: new Constant(100), remaining: () => 5 - checkpoint.doneCount, onDone: () => (doneAt = ctx.sim.now) });
    trigger.press();
    ctx.sim.run(1000);
    expect([trigger.presses.total, operator.gaveUp, operator.done, doneAt]).toEqual([1, false, true, 5]);
  });

  test('a press that falls due while nobody is on duty waits for the next shift', () => {
    // On duty in [0, 50) of every 200 s; the stop at 2 is noticed at 102, so the press is at 200.
    const { ctx, trigger, log } = setup({}, 2);
    const onDutyFromS = (t: number) => (t % 200 < 50 ? t : Math.ceil(t / 200) * 200);
    const operator = new Operator(ctx, { name: 'operator', trigger, noticeDelay: new Constant(100), onDutyFromS });
    trigger.press();
    ctx.sim.run(450);
    expect(log).toEqual([
      [0, 'started'],
      [2, 'stopped'],
      [200, 'started'],
      [202, 'stopped'],
      [400, 'started'],
      [402, 'stopped'],
    ]);
    expect(operator.restarts.total).toBe(2);
  });
});
