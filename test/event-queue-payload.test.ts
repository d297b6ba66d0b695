import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { EventHandle, EventHandler } from '../src/index.ts';
import { EventQueue } from '../src/internal.ts';

// Each event's handler, tag and arg must come out with it, whichever way it went: the heap
// alone, spilled into the ladder, through rungs cut finer, back into the heap, or past
// cancelled neighbours. The order is tested elsewhere; this checks that no event comes out
// wearing another's fields.

/** Handlers told apart by identity: the queue must hand back the very object scheduled. */
const handlers: EventHandler[] = Array.from({ length: 7 }, () => ({ handleEvent() {} }));

test('every event fires with its own handler, tag and arg, through spills, rungs, folds and cancellations', () => {
  fc.assert(
    fc.property(
      fc.record({
        seed: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        target: fc.constantFrom(50, 900, 5000),
        cancelShare: fc.constantFrom(0, 0.15),
      }),
      (w) => {
        let x = w.seed;
        const rand = (): number => (x = (x * 48271) % 2147483647) / 2147483647;
        const q = new EventQueue(16);
        // Per tag: [handler index, arg], and the handle of each live event.
        const want = new Map<number, [number, number]>();
        const live: { tag: number; handle: EventHandle }[] = [];
        let tag = 0;
        let now = 0;
        for (let step = 0; step < 20_000; step++) {
          const grow = step < 10_000 ? (want.size < w.target ? 0.75 : 0.5) : 0.3;
          const u = rand();
          if (u < grow) {
            // Ties now and then; args that are not integers, negative, huge or zero.
            const t = rand() < 0.2 ? now : now + -Math.log(1 - rand()) * (rand() < 0.5 ? 1 : 1e-3);
            const arg = rand() < 0.3 ? -rand() * 1e12 : rand() < 0.5 ? rand() : 0;
            const h = Math.floor(rand() * handlers.length);
            want.set(tag, [h, arg]);
            live.push({ tag, handle: q.push(t, handlers[h]!, tag, arg) });
            tag++;
          } else if (u < grow + w.cancelShare * 0.3 && live.length > 0) {
            const i = Math.floor(rand() * live.length);
            const l = live[i]!;
            live[i] = live[live.length - 1]!;
            live.pop();
            // (an event that already fired cancels nothing)
            expect(q.cancel(l.handle)).toBe(want.delete(l.tag));
          } else if (q.pop()) {
            now = q.poppedTime;
            const got = want.get(q.poppedTag);
            if (!got || q.poppedHandler !== handlers[got[0]] || !Object.is(q.poppedArg, got[1])) {
              expect({ step, tag: q.poppedTag, arg: q.poppedArg, handler: handlers.indexOf(q.poppedHandler!) }).toEqual({
                step,
                tag: q.poppedTag,
                arg: got?.[1],
                handler: got?.[0],
              });
            }
            want.delete(q.poppedTag);
          }
        }
        while (q.pop()) {
          const got = want.get(q.poppedTag);
          expect([q.poppedHandler === handlers[got?.[0] ?? -1], q.poppedArg]).toEqual([true, got?.[1]]);
          want.delete(q.poppedTag);
        }
        expect(want.size).toBe(0);
      },
    ),
    { numRuns: 12 },
  );
});

// A tag is an int32: the record once held it in an Int32Array view, and now holds the number
// and reads it back with | 0. Either way a handler sees ToInt32(tag), whatever was passed.
test('a tag comes back as the int32 an Int32Array would hold, in the heap and through the ladder', () => {
  const tags = [0, 1, -1, 7, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, -(2 ** 31) - 1, 3.7, -3.7, NaN, Infinity, -0];
  const want = tags.map((t) => new Int32Array([t])[0]!);
  for (const pending of [tags.length, 2000]) {
    const q = new EventQueue(16);
    // Filler events after the tagged ones, so that at 2000 pending the heap spills into the ladder.
    for (let i = 0; i < pending - tags.length; i++) q.push(1000 + i, handlers[0]!, 0, 0);
    tags.forEach((tag, i) => q.push(i, handlers[1]!, tag, i));
    const got: number[] = [];
    while (q.pop() && q.poppedTime < 1000) got.push(q.poppedTag);
    expect(got.map((t) => Object.is(t, -0) ? 0 : t)).toEqual(want);
    expect(got.every((t) => Number.isInteger(t) && !Object.is(t, -0))).toBe(true);
  }
});
