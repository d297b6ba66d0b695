// The per-job paths hand numbers over without passing doubles into calls V8 may not inline
// (which it would box on the heap): the run loop passes an integer arg as a small integer,
// JobStore.createNow reads the clock itself, Histogram.recordSince computes the elapsed time
// itself. Each must give exactly what the plain form gives.
import { expect, test } from 'vitest';
import { JobStore } from '../src/components/jobs/job-store.ts';
import { Histogram, Simulation } from '../src/index.ts';

const ARGS = [0, -0, 1, -1, 7, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 40 + 3, 2 ** 53 - 1, 0.5, -2.25, 1e-300, NaN, Infinity, -Infinity];

test('every event reaches its handler with its arg exactly (-0, fractions, 2^40 and NaN included), in the loop and on the checked path', () => {
  const sim = new Simulation(1);
  const seen: number[] = [];
  const h = { handleEvent: (_tag: number, arg: number) => void seen.push(arg) };
  // One run: the first event fires on the run loop's checked path, the rest in its chunks.
  ARGS.forEach((a, i) => sim.post(i, h, 0, a));
  sim.run();
  // A run per event: each one fires on the checked path.
  ARGS.forEach((a, i) => {
    sim.post(0, h, 0, a);
    sim.run(sim.now + 1 + i);
  });
  expect(seen.length).toBe(2 * ARGS.length);
  seen.forEach((got, i) => expect(Object.is(got, ARGS[i % ARGS.length]), `event ${i}: got ${got}`).toBe(true));
});

test('JobStore.createNow(type, priority) fills the row create(clock.now, type, priority) fills', () => {
  const clock = { now: 0 };
  const a = new JobStore(16, clock);
  const b = new JobStore(16);
  for (let i = 0; i < 100; i++) {
    clock.now = i * 0.37;
    const ja = a.createNow(i % 3, i % 2);
    const jb = b.create(clock.now, i % 3, i % 2);
    expect(ja).toBe(jb);
    for (const k of ['createdAt', 'enqueuedAt', 'startedAt', 'type', 'priority', 'attempts', 'data'] as const) {
      expect(Object.is(a[k][ja], b[k][jb]), `${k} of job ${ja}`).toBe(true);
    }
    if (i % 4 === 3) {
      a.release(ja - 1);
      b.release(jb - 1);
    }
  }
  expect(a.created).toBe(b.created);
  expect(a.live).toBe(b.live);
});

test('Histogram.recordSince(times, i) records clock.now - times[i], bucket by bucket, as record does', () => {
  const clock = { now: 0 };
  const a = new Histogram('a', clock, 60, 4);
  const b = new Histogram('b', clock, 60, 4);
  const times = new Float64Array(8);
  for (let i = 0; i < 2000; i++) {
    clock.now = i * 0.113;
    const j = i % 8;
    a.recordSince(times, j);
    b.record(clock.now - times[j]!);
    times[j] = clock.now - (i % 5) * 0.01;
  }
  a.finish(4);
  b.finish(4);
  expect(a.series().map((s) => s.values)).toEqual(b.series().map((s) => s.values));
  expect([a.count, a.mean, a.max, a.quantile(0.99)]).toEqual([b.count, b.mean, b.max, b.quantile(0.99)]);
});
