import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { EventHandle, EventHandler } from '../src/index.ts';
import { EventQueue } from '../src/internal.ts';

/**
 * The obvious future-event set: every live event in one array sorted by (time, sequence).
 * The queue under test must agree with it on every pop, peek, size and cancel.
 */
class SortedModel {
  private readonly events: { time: number; seq: number; tag: number }[] = [];
  private seq = 0;
  push(time: number, tag: number): { time: number; seq: number; tag: number } {
    const e = { time, seq: this.seq++, tag };
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid]!.time <= time) lo = mid + 1;
      else hi = mid;
    }
    this.events.splice(lo, 0, e);
    return e;
  }
  remove(e: { time: number; seq: number }): void {
    this.events.splice(this.events.indexOf(e as never), 1);
  }
  get size(): number {
    return this.events.length;
  }
  peekTime(): number {
    return this.events.length ? this.events[0]!.time : Infinity;
  }
  shift(): { time: number; seq: number; tag: number } | undefined {
    return this.events.shift();
  }
}

// Delays in the shapes simulations produce: exponential at several scales, exact ties
// (zero delay, whole seconds), a far-future timer now and then, and bursts at one instant.
const workload = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
  target: fc.constantFrom(20, 400, 700, 3000),
  meanDelayS: fc.constantFrom(0.001, 1, 60),
  tieShare: fc.constantFrom(0, 0.2, 0.7),
  cancelShare: fc.constantFrom(0, 0.1, 0.4),
  farShare: fc.constantFrom(0, 0.01),
  // Delays spread over twelve decades: crowded buckets inside crowded buckets, rung after rung.
  multiScale: fc.boolean(),
});

const handler: EventHandler = { handleEvent() {} };

test('the event set pops, peeks, counts and cancels exactly as a sorted list would, through spills, rungs and ties', () => {
  fc.assert(
    fc.property(workload, (w) => {
      let x = w.seed;
      const rand = () => (x = (x * 48271) % 2147483647) / 2147483647;
      const q = new EventQueue(16);
      const model = new SortedModel();
      // Live events, with each one's index in this array, so removal is a swap with the last.
      const live: { handle: EventHandle; e: { time: number; seq: number; tag: number }; at: number }[] = [];
      const byTag = new Map<number, (typeof live)[number]>();
      const forget = (l: (typeof live)[number]): void => {
        const last = live.pop()!;
        if (last !== l) {
          live[l.at] = last;
          last.at = l.at;
        }
        byTag.delete(l.e.tag);
        stale.push(l.handle);
      };
      const stale: EventHandle[] = [];
      let now = 0;
      let tag = 0;
      const delay = (): number => {
        const u = rand();
        if (u < w.tieShare) return rand() < 0.5 ? 0 : Math.floor(rand() * 3);
        if (u < w.tieShare + w.farShare) return 1e6 * (1 + rand());
        if (w.multiScale) return w.meanDelayS * 10 ** (-12 * rand()) * rand();
        return -w.meanDelayS * Math.log(1 - rand());
      };
      const pop = (untilS: number): void => {
        const want = model.peekTime() < untilS ? model.shift() : undefined;
        const got = q.popBefore(untilS);
        if (got !== (want !== undefined)) expect({ step, untilS, popped: got }).toEqual({ step, untilS, popped: want !== undefined });
        if (!want) return;
        if (q.poppedTime !== want.time || q.poppedTag !== want.tag) expect({ step, time: q.poppedTime, tag: q.poppedTag }).toEqual({ step, time: want.time, tag: want.tag });
        now = want.time;
        forget(byTag.get(want.tag)!);
      };
      let step = 0;
      for (; step < 12_000; step++) {
        const phase = step < 4000 ? 'grow' : step < 8000 ? 'hold' : 'drain';
        const u = rand();
        const pushShare = phase === 'grow' ? (model.size < w.target ? 0.7 : 0.45) : phase === 'hold' ? 0.5 : 0.2;
        if (u < pushShare) {
          const burst = rand() < 0.02 ? 1 + Math.floor(rand() * 50) : 1;
          const t = now + delay();
          for (let b = 0; b < burst; b++) {
            const l = { e: model.push(t, tag), handle: q.push(t, handler, tag, 0), at: live.length };
            live.push(l);
            byTag.set(tag++, l);
          }
        } else if (u < pushShare + w.cancelShare * 0.5 && live.length > 0) {
          const l = live[Math.floor(rand() * live.length)]!;
          model.remove(l.e);
          forget(l);
          if (q.cancel(l.handle) !== true || q.cancel(l.handle) !== false) expect({ step, cancelled: 'not once' }).toBe(null);
        } else if (u < 0.9) {
          pop(rand() < 0.8 ? Infinity : now + delay());
        } else if (u < 0.95) {
          if (q.peekTime() !== model.peekTime()) expect({ step, peek: q.peekTime() }).toEqual({ step, peek: model.peekTime() });
        } else if (stale.length > 0) {
          if (q.cancel(stale[Math.floor(rand() * stale.length)]!)) expect({ step, staleHandleCancelled: true }).toBe(null);
        }
        if (q.size !== model.size) expect({ step, size: q.size }).toEqual({ step, size: model.size });
      }
      while (model.size > 0) pop(Infinity);
      expect(q.pop()).toBe(false);
      expect(q.peekTime()).toBe(Infinity);
    }),
    { numRuns: 40 },
  );
});

test('300,000 pending events come out in (time, sequence) order, ties included', () => {
  const q = new EventQueue(16);
  let x = 7;
  const n = 300_000;
  for (let i = 0; i < n; i++) {
    x = (x * 48271) % 2147483647;
    // Whole milliseconds over 1000 s: about 300 events share each time.
    q.push(Math.floor((x / 2147483647) * 1e6) / 1000, handler, i, 0);
  }
  let lastT = -1;
  let lastTag = -1;
  let popped = 0;
  while (q.pop()) {
    const ok = q.poppedTime > lastT || (q.poppedTime === lastT && q.poppedTag > lastTag);
    if (!ok) expect({ t: q.poppedTime, tag: q.poppedTag }).toEqual({ after: [lastT, lastTag] });
    lastT = q.poppedTime;
    lastTag = q.poppedTag;
    popped++;
  }
  expect(popped).toBe(n);
});

test('a burst at one instant too large for the heap alone still lets a later-scheduled earlier event fire first', () => {
  const q = new EventQueue(16);
  for (let i = 0; i < 2000; i++) q.push(10, handler, i, 0);
  // Drain part of the burst so the ladder has laid it out, then schedule before and at the instant.
  for (let i = 0; i < 5; i++) {
    q.pop();
    expect([q.poppedTime, q.poppedTag]).toEqual([10, i]);
  }
  q.push(10, handler, 5000, 0);
  const fired: number[] = [];
  let earlier = 0;
  while (q.pop()) {
    if (q.poppedTime === 10) fired.push(q.poppedTag);
    else earlier++;
  }
  expect(earlier).toBe(0);
  expect(fired).toEqual([...Array.from({ length: 1995 }, (_, i) => i + 5), 5000]);

  // The same burst, then an event due before it, scheduled while the burst waits.
  for (let i = 0; i < 2000; i++) q.push(20, handler, i, 0);
  q.pop();
  q.push(15, handler, -1, 0);
  expect(q.pop()).toBe(true);
  expect([q.poppedTime, q.poppedTag]).toEqual([15, -1]);
  let n = 0;
  while (q.pop()) {
    expect(q.poppedTime).toBe(20);
    n++;
  }
  expect(n).toBe(1999);
});

test('with 60,000 events pending and a third of them cancelled, the rest fire once each in (time, sequence) order', () => {
  const q = new EventQueue(16);
  let x = 11;
  const rand = (): number => (x = (x * 48271) % 2147483647) / 2147483647;
  const n = 60_000;
  // tag -> [time, handle]; tags grow with the sequence, so (time, tag) order is (time, sequence) order.
  const times: number[] = [];
  const handles: EventHandle[] = [];
  const cancelled = new Set<number>();
  const schedule = (t: number): void => {
    handles.push(q.push(t, handler, times.length, 0));
    times.push(t);
  };
  // Times in whole microseconds, so that ties occur, over a spread that lays out several rungs.
  const later = (now: number): number => now + Math.round(-Math.log(1 - rand()) * 1e6) / 1e6;
  for (let i = 0; i < n; i++) schedule(later(0));
  for (let tag = 0; tag < n; tag += 3) {
    expect(q.cancel(handles[tag]!)).toBe(true);
    cancelled.add(tag);
  }
  let lastT = -1;
  let lastTag = -1;
  const fired = new Set<number>();
  // A hold phase: each pop schedules one event and now and then cancels a pending one.
  for (let k = 0; k < 3 * n; k++) {
    if (!q.pop()) expect({ k, popped: false }).toBe(null);
    const t = q.poppedTime;
    const tag = q.poppedTag;
    if (t < lastT || (t === lastT && tag < lastTag) || cancelled.has(tag) || fired.has(tag) || times[tag] !== t) {
      expect({ k, t, tag, cancelled: cancelled.has(tag), fired: fired.has(tag) }).toEqual({ after: [lastT, lastTag] });
    }
    fired.add(tag);
    lastT = t;
    lastTag = tag;
    schedule(later(t));
    if (k % 7 === 0) {
      const victim = times.length - 1 - Math.floor(rand() * 1000);
      if (!fired.has(victim) && !cancelled.has(victim)) {
        if (!q.cancel(handles[victim]!)) expect({ k, victim, cancelled: false }).toBe(null);
        cancelled.add(victim);
      }
    }
  }
  const left = times.length - fired.size - cancelled.size;
  expect(q.size).toBe(left);
  let drained = 0;
  while (q.pop()) {
    const ok = q.poppedTime > lastT || (q.poppedTime === lastT && q.poppedTag > lastTag);
    if (!ok || cancelled.has(q.poppedTag) || fired.has(q.poppedTag)) expect({ t: q.poppedTime, tag: q.poppedTag }).toEqual({ after: [lastT, lastTag] });
    lastT = q.poppedTime;
    lastTag = q.poppedTag;
    drained++;
  }
  expect(drained).toBe(left);
});
