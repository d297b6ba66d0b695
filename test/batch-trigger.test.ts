import { describe, expect, test } from 'vitest';
import { BatchAlert, BatchRunner, BatchTrigger, Constant, DownstreamService, ModelContext, Operator, type BatchTriggerOptions } from '../src/index.ts';

/** Five items, item `badAt` with bad data (none by default); 1 s per item, one in flight. */
function setup(o: Partial<BatchTriggerOptions> = {}, badAt = -1) {
  const ctx = new ModelContext(1, 1000, 60);
  const downstream = new DownstreamService(ctx, { name: 'ds', latency: new Constant(1), concurrency: 10 });
  const bad = new Uint8Array(5);
  if (badAt >= 0) bad[badAt] = 1;
  const runner = new BatchRunner(ctx, { name: 'batch', downstream, concurrency: 1, badItems: bad });
  const trigger = new BatchTrigger(ctx, { name: 'trigger', runner, idChars: 10, ...o });
  const log: [number, string][] = [];
  trigger.observe({
    batchStarted: () => log.push([ctx.sim.now, 'started']),
    batchStopped: () => log.push([ctx.sim.now, 'stopped']),
    batchCompleted: () => log.push([ctx.sim.now, 'completed']),
  });
  return { ctx, trigger, downstream, log };
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
});
