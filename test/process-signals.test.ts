import { describe, expect, test } from 'vitest';
import { first, hold, Interrupt, interrupt, now, type Process, type ProcessBody, Signal, spawn, wait } from '../src/index.ts';
import { env } from './helpers/process-env.ts';

describe('signals, first-of, joins and interrupts', () => {
  test('wait resumes every waiter when the signal fires, with its value; a late waiter returns at once', () => {
    const ctx = env();
    const reply = new Signal<string>();
    const log: [number, string, boolean][] = [];
    for (const name of ['a', 'b']) spawn(ctx, (function* () { const ok = yield* wait(reply); log.push([now(), `${name} ${reply.value}`, ok]); })());
    spawn(ctx, (function* () { yield* hold(2); reply.fire('pong'); })());
    spawn(ctx, (function* () { yield* hold(5); const ok = yield* wait(reply); log.push([now(), `late ${reply.value}`, ok]); })());
    ctx.sim.run();
    expect(log).toEqual([[2, 'a pong', true], [2, 'b pong', true], [5, 'late pong', true]]);
    expect(reply.fire('again')).toBe(false);
  });

  test('first returns the index of what happened first, or -1 when the timeout came first', () => {
    const ctx = env();
    const reply = new Signal<number>();
    const cancel = new Signal();
    const results: [number, number][] = [];
    spawn(ctx, (function* () { results.push([yield* first([reply, cancel], { timeoutS: 10 }), now()]); })());
    spawn(ctx, (function* () { yield* hold(3); cancel.fire(); yield* hold(1); reply.fire(7); })());
    spawn(ctx, (function* () { results.push([yield* first([new Signal()], { timeoutS: 1.5 }), now()]); })());
    ctx.sim.run();
    expect(results).toEqual([[-1, 1.5], [1, 3]]);
  });

  test('waiting on a process waits for its end; its result is readable', () => {
    const ctx = env();
    function* worker(): ProcessBody<number> {
      yield* hold(4);
      return 42;
    }
    const log: string[] = [];
    spawn(ctx, (function* () {
      const w = spawn(worker());
      const ended = yield* wait(w, { timeoutS: 1 });
      log.push(`after 1 s ended=${ended}`);
      yield* wait(w);
      log.push(`at ${now()} result=${w.result}`);
    })());
    ctx.sim.run();
    expect(log).toEqual(['after 1 s ended=false', 'at 4 result=42']);
  });

  test('an interrupt during a hold is thrown at the hold; a process that catches it carries on', () => {
    const ctx = env();
    const log: string[] = [];
    const worker = spawn(ctx, (function* () {
      try {
        yield* hold(100);
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
        log.push(`interrupted at ${now()} because ${String(e.cause)}`);
      }
      yield* hold(1);
      log.push(`finished at ${now()}`);
    })());
    spawn(ctx, (function* () { yield* hold(5); interrupt(worker, 'shutdown'); })());
    ctx.sim.run();
    expect(log).toEqual(['interrupted at 5 because shutdown', 'finished at 6']);
  });

  test('a process that does not catch an interrupt ends, marked interrupted; its old timer does nothing', () => {
    const ctx = env();
    let reached = false;
    const p = spawn(ctx, (function* () { yield* hold(10); reached = true; })());
    spawn(ctx, (function* () { yield* hold(1); expect(interrupt(p)).toBe(true); })());
    ctx.sim.run();
    expect(reached).toBe(false);
    expect(p.done && p.interrupted).toBe(true);
    expect(interrupt(p)).toBe(false);
    expect(ctx.sim.now).toBe(1); // the cancelled hold never fires
  });

  test('an interrupt sent to a running process reaches it at its next wait', () => {
    const ctx = env();
    const log: string[] = [];
    const box: { self?: Process<void> } = {};
    box.self = spawn(ctx, (function* (): ProcessBody {
      interrupt(box.self!, 'self');
      log.push('still running');
      try {
        yield* hold(3);
      } catch (e) {
        log.push(`caught ${(e as Interrupt).cause} at ${now()}`);
      }
    })());
    ctx.sim.run();
    expect(log).toEqual(['still running', 'caught self at 0']);
  });
});
