import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ProcessorSharing, Simulation, type WorkOwner } from '../src/index.ts';
import { checkProperty } from './helpers/property.ts';

/** A piece of work: started at atS with workS; cancelled at cancelS if that comes first. */
interface Piece {
  atS: number;
  workS: number;
  cancelS: number;
}

/** Runs the pieces through one ProcessorSharing; returns each piece's finish time (undefined if cancelled) and the finish order. */
function simulate(cores: number, pieces: readonly Piece[]): { done: (number | undefined)[]; order: number[]; cancelled: boolean[] } {
  const sim = new Simulation(1);
  const ps = new ProcessorSharing(sim, cores);
  const done: (number | undefined)[] = pieces.map(() => undefined);
  const order: number[] = [];
  const cancelled = pieces.map(() => false);
  const handles: number[] = [];
  const owner: WorkOwner = {
    workDone: (i, startedAt) => {
      expect(startedAt).toBe(pieces[i]!.atS);
      done[i] = sim.now;
      order.push(i);
    },
  };
  pieces.forEach((p, i) => {
    sim.call(p.atS, () => (handles[i] = ps.start(owner, i, p.workS)));
    if (p.cancelS < Infinity) sim.call(p.cancelS, () => (cancelled[i] = ps.cancel(handles[i]!)));
  });
  sim.run();
  expect(ps.active).toBe(0);
  return { done, order, cancelled };
}

/**
 * The textbook method, as a reference: each running piece's remaining work, all advanced by
 * elapsed · min(1, cores / n) at every start, finish and cancel. Starts and cancels at one
 * instant happen in the order they were asked for (starts of a time before its cancels,
 * as the calls above are scheduled piece by piece).
 */
function reference(cores: number, pieces: readonly Piece[]): { done: (number | undefined)[]; close: boolean[] } {
  const remaining = new Map<number, number>();
  const done: (number | undefined)[] = pieces.map(() => undefined);
  // Pieces cancelled within rounding of their finish: whether they finish first is up to the last bit.
  const close = pieces.map(() => false);
  type Step = { t: number; i: number; kind: 'start' | 'cancel'; seq: number };
  const steps: Step[] = [];
  pieces.forEach((p, i) => {
    steps.push({ t: p.atS, i, kind: 'start', seq: 2 * i });
    if (p.cancelS < Infinity) steps.push({ t: p.cancelS, i, kind: 'cancel', seq: 2 * i + 1 });
  });
  steps.sort((a, b) => a.t - b.t || a.seq - b.seq);
  let t = 0;
  let next = 0;
  while (next < steps.length || remaining.size > 0) {
    const n = remaining.size;
    const rate = n <= cores ? 1 : cores / n;
    let minLeft = Infinity;
    for (const w of remaining.values()) minLeft = Math.min(minLeft, w);
    const tDone = n > 0 ? t + minLeft / rate : Infinity;
    const tStep = next < steps.length ? steps[next]!.t : Infinity;
    const tNext = Math.min(tDone, tStep);
    for (const [i, w] of remaining) remaining.set(i, w - (tNext - t) * rate);
    t = tNext;
    if (tDone < tStep) {
      for (const [i, w] of [...remaining]) {
        if (w <= 1e-12) {
          done[i] = t;
          if (Math.abs(pieces[i]!.cancelS - t) < 1e-9) close[i] = true;
          remaining.delete(i);
        }
      }
    } else {
      const s = steps[next++]!;
      if (s.kind === 'start') remaining.set(s.i, pieces[s.i]!.workS);
      else {
        if ((remaining.get(s.i) ?? 1) < 1e-9) close[s.i] = true;
        remaining.delete(s.i);
      }
    }
  }
  return { done, close };
}

describe('ProcessorSharing finish order and cancel', () => {
  test('pieces with equal finish tags finish at one instant in the order they started', () => {
    // On 1 core: A (2 s) alone for 1 s has 1 s left; B (1 s) and C (1 s) join at 1 s. All three
    // have 1 s left and share the core: all finish at 1 + 3 = 4 s, in start order A, B, C.
    const { done, order } = simulate(1, [
      { atS: 0, workS: 2, cancelS: Infinity },
      { atS: 1, workS: 1, cancelS: Infinity },
      { atS: 1, workS: 1, cancelS: Infinity },
    ]);
    expect(done).toEqual([4, 4, 4]);
    expect(order).toEqual([0, 1, 2]);
  });

  test('many equal pieces started together finish in start order', () => {
    const pieces = Array.from({ length: 40 }, () => ({ atS: 0, workS: 0.5, cancelS: Infinity }));
    const { done, order } = simulate(4, pieces);
    expect(order).toEqual(pieces.map((_, i) => i));
    expect(done).toEqual(pieces.map(() => 5));
  });

  test('cancelling the piece due next, one in the middle and one due last moves the others exactly', () => {
    // 2 cores, 6 pieces at 0 s with work 1..6 s: each runs at 1/3 while six run.
    // At 1.5 s (0.5 s of service each) cancel pieces 0 (due next), 3 and 5 (due last).
    // Left: 1 (1.5 s to go), 2 (2.5), 4 (4.5), three on two cores at 2/3: piece 1 ends at
    // 1.5 + 1.5 · 1.5 = 3.75 s; then 2 (1.5 left) and 4 (3.5 left) at full speed: 5.25 s, 7.25 s.
    const pieces = [1, 2, 3, 4, 5, 6].map((workS, i) => ({ atS: 0, workS, cancelS: i === 0 || i === 3 || i === 5 ? 1.5 : Infinity }));
    const { done, order, cancelled } = simulate(2, pieces);
    expect(cancelled).toEqual([true, false, false, true, false, true]);
    expect(order).toEqual([1, 2, 4]);
    expect(done).toEqual([undefined, 3.75, 4.75, undefined, 6.75, undefined]);
  });

  test('cancelling a piece that has finished does nothing and returns false', () => {
    const { done, cancelled } = simulate(1, [
      { atS: 0, workS: 1, cancelS: 2.5 },
      { atS: 0, workS: 3, cancelS: Infinity },
    ]);
    expect(cancelled).toEqual([false, false]);
    expect(done).toEqual([2, 4]);
  });

  test('finish times and order agree with the remaining-work reference with cancels on random workloads', () => {
    const piece = fc.record({
      atS: fc.integer({ min: 0, max: 40 }).map((x) => x / 8),
      workS: fc.integer({ min: 0, max: 40 }).map((x) => x / 16),
      cancelAfterS: fc.option(fc.integer({ min: 0, max: 40 }).map((x) => x / 8), { freq: 3 }),
    });
    checkProperty(
      fc.property(fc.constantFrom(0.5, 1, 2, 3, 8), fc.array(piece, { minLength: 1, maxLength: 60 }), (cores, raw) => {
        const pieces = raw.map((p) => ({ atS: p.atS, workS: p.workS, cancelS: p.cancelAfterS === null ? Infinity : p.atS + p.cancelAfterS }));
        const { done, order } = simulate(cores, pieces);
        const expected = reference(cores, pieces);
        for (let i = 0; i < pieces.length; i++) {
          if (expected.close[i]) continue;
          if (expected.done[i] === undefined) expect(done[i]).toBeUndefined();
          else expect(done[i]).toBeCloseTo(expected.done[i]!, 9);
        }
        // Finishes come in time order.
        for (let k = 1; k < order.length; k++) expect(done[order[k - 1]!]!).toBeLessThanOrEqual(done[order[k]!]!);
      }),
      { numRuns: 300 },
    );
  });
});
