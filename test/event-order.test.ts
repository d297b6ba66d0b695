import { describe, expect, test } from 'vitest';
import { type EventHandler, Simulation } from '../src/index.ts';
import { EventQueue } from '../src/internal.ts';

class Log implements EventHandler {
  readonly entries: [number, number, number][] = [];
  constructor(private readonly sim: Simulation) {}
  handleEvent(tag: number, arg: number): void {
    this.entries.push([this.sim.now, tag, arg]);
  }
}

describe('the future-event set', () => {
  test('events fire in time order, and events at the same time in the order they were scheduled', () => {
    const sim = new Simulation(1);
    const log = new Log(sim);
    sim.schedule(2, log, 1);
    sim.schedule(1, log, 2);
    sim.schedule(1, log, 3);
    sim.schedule(0, log, 4);
    sim.schedule(1, log, 5);
    sim.run();
    expect(log.entries).toEqual([
      [0, 4, 0],
      [1, 2, 0],
      [1, 3, 0],
      [1, 5, 0],
      [2, 1, 0],
    ]);
  });

  test('post and postAt take their turn in the same (time, sequence) order as schedule and at', () => {
    const sim = new Simulation(1);
    const log = new Log(sim);
    sim.schedule(1, log, 1, 10);
    sim.post(1, log, 2, 20);
    sim.at(1, log, 3);
    sim.postAt(1, log, 4, 40);
    sim.post(0.5, log, 5);
    sim.postAt(0.25, log, 6);
    expect(sim.pending).toBe(6);
    expect(() => sim.post(-1, log)).toThrow(RangeError);
    sim.run(0.5);
    expect(() => sim.postAt(0.4, log)).toThrow(RangeError);
    sim.run();
    expect(log.entries).toEqual([
      [0.25, 6, 0],
      [0.5, 5, 0],
      [1, 1, 10],
      [1, 2, 20],
      [1, 3, 0],
      [1, 4, 40],
    ]);
  });

  test('a cancelled event never fires and a stale handle cancels nothing', () => {
    const sim = new Simulation(1);
    const log = new Log(sim);
    const a = sim.schedule(1, log, 1);
    sim.schedule(2, log, 2);
    expect(sim.cancel(a)).toBe(true);
    expect(sim.cancel(a)).toBe(false);
    sim.run();
    // The slot of `a` is reused by this event; the old handle must not cancel it.
    sim.schedule(1, log, 3);
    expect(sim.cancel(a)).toBe(false);
    sim.run();
    expect(log.entries).toEqual([
      [2, 2, 0],
      [3, 3, 0],
    ]);
  });

  test('run(until) fires events strictly before until and leaves the clock at until', () => {
    const sim = new Simulation(1);
    const log = new Log(sim);
    sim.schedule(1, log, 1);
    sim.schedule(5, log, 2);
    expect(sim.run(5)).toBe(1);
    expect(sim.now).toBe(5);
    expect(sim.run(6)).toBe(1);
    expect(log.entries).toEqual([
      [1, 1, 0],
      [5, 2, 0],
    ]);
    expect(sim.now).toBe(6);
  });

  test('an event handler can schedule at the current time and it fires after the events already due', () => {
    const sim = new Simulation(1);
    const trace: string[] = [];
    sim.call(1, () => {
      trace.push('a');
      sim.call(0, () => trace.push('c'));
    });
    sim.call(1, () => trace.push('b'));
    sim.run();
    expect(trace).toEqual(['a', 'b', 'c']);
  });

  test('postNextIn and postNextAt (the delay or time in a field) schedule from the clock in the (time, sequence) order, and refuse the past', () => {
    const sim = new Simulation(1);
    const log = new Log(sim);
    // At 0.1 s a handler schedules from the clock: 0.1 + 0.2 is 0.30000000000000004, not 0.3.
    class Scheduler implements EventHandler {
      handleEvent(): void {
        sim.nextIn = 0.2;
        sim.postNextIn(log, 1, 10);
        sim.nextAt = 0.3;
        sim.postNextAt(log, 2, 2.5);
        sim.schedule(0.2, log, 3);
        sim.nextIn = 0;
        sim.postNextIn(log, 4, -0);
        sim.nextAt = 0.1;
        sim.postNextAt(log, 5);
      }
    }
    sim.schedule(0.1, new Scheduler());
    sim.run();
    expect(log.entries).toEqual([
      [0.1, 4, -0],
      [0.1, 5, 0],
      [0.3, 2, 2.5],
      [0.30000000000000004, 1, 10],
      [0.30000000000000004, 3, 0],
    ]);
    expect(Object.is(log.entries[0]![2], -0)).toBe(true);
    sim.nextIn = -5;
    expect(() => sim.postNextIn(log)).toThrow('cannot schedule -5 s into the past');
    sim.nextIn = NaN;
    expect(() => sim.postNextIn(log)).toThrow('cannot schedule NaN s into the past');
    sim.nextAt = 0.2;
    expect(() => sim.postNextAt(log)).toThrow('cannot schedule at 0.2 s; the clock is at 0.30000000000000004 s');
    expect(sim.pending).toBe(0);
  });

  test('scheduling into the past is refused', () => {
    const sim = new Simulation(1);
    sim.run(10);
    expect(() => sim.at(5, { handleEvent() {} })).toThrow(/cannot schedule at 5/);
    expect(() => sim.schedule(-1, { handleEvent() {} })).toThrow(/past/);
  });

  test('the heap keeps (time, sequence) order through growth and many random inserts', () => {
    const q = new EventQueue(16);
    const h: EventHandler = { handleEvent() {} };
    let x = 12345;
    const expected: [number, number][] = [];
    for (let i = 0; i < 5000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const t = x % 97;
      q.push(t, h, i, 0);
      expected.push([t, i]);
    }
    expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const got: [number, number][] = [];
    while (q.pop()) got.push([q.poppedTime, q.poppedTag]);
    expect(got).toEqual(expected);
  });
});

test('handles stay exact once the sequence passes 2^31 and 2^32: a live one cancels its event, a stale one nothing, and one from 2^27 events earlier only its own slot', () => {
  const q = new EventQueue(16);
  const h = { handleEvent: () => {} };
  for (const start of [2 ** 31 - 3, 2 ** 32 - 2, 2 ** 40 + 5]) {
    (q as unknown as { nextSeq: number }).nextSeq = start;
    const a = q.push(1, h, 0, 0);
    const b = q.push(2, h, 0, 0);
    expect(q.cancel(a)).toBe(true);
    expect(q.cancel(a)).toBe(false); // already cancelled
    expect(q.pop()).toBe(true); // b fires; its slot is free again
    expect(q.poppedTime).toBe(2);
    const c = q.push(3, h, 0, 0); // reuses a slot
    expect(q.cancel(b)).toBe(false); // b's handle is stale
    expect(q.cancel(c)).toBe(true);
    expect(q.size).toBe(0);
  }
});
