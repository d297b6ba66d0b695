import { expect, test } from 'vitest';
import { type EventHandler, Simulation } from '../src/index.ts';

// The run loop fires events in chunks and checks its limits between them, on the event that
// is due a check: the limits must act on exactly the event a check per event would catch.

/** A handler that fires every `gapS` seconds until time `spinAtS`, then with zero delay. */
function ticker(sim: Simulation, gapS: number, spinAtS = Infinity): { handled: number } & EventHandler {
  const h = {
    name: 'ticker',
    handled: 0,
    handleEvent() {
      h.handled++;
      sim.schedule(sim.now >= spinAtS ? 0 : gapS, h);
    },
  };
  return h;
}

test('the event budget stops the run on the first event past it, before that event is handled', () => {
  for (const budget of [1, 1023, 1024, 65_536, 100_000]) {
    const sim = new Simulation(1);
    sim.limits = { ...sim.limits, maxEvents: budget };
    const h = ticker(sim, 1);
    sim.schedule(1, h);
    expect(() => sim.run()).toThrow(`the run used its budget of ${budget.toLocaleString('en-US')} events by `);
    expect([h.handled, sim.eventsFired, sim.now]).toEqual([budget, budget + 1, budget + 1]);
  }
});

test('the event budget counts across runs to successive times', () => {
  const sim = new Simulation(1);
  sim.limits = { ...sim.limits, maxEvents: 100_000 };
  const h = ticker(sim, 0.5);
  sim.schedule(0.5, h);
  for (let t = 7; t <= 49_000; t += 7) sim.run(t);
  expect(sim.eventsFired).toBe(97_999);
  expect(() => sim.run(60_000)).toThrow('the run used its budget of 100,000 events by 50000.5s of simulated time');
  expect(h.handled).toBe(100_000);
});

test('a stuck run is caught at the same check, with the same count, as a check per event', () => {
  const sim = new Simulation(1);
  sim.limits = { ...sim.limits, maxEventsAtInstant: 100_000 };
  sim.schedule(1, ticker(sim, 1, 10));
  // Checks at event 1 (t = 1) and every 65,536 events after: the clock reads 10 s at the
  // checks at events 65,537 (t has reached 10 at event 10), 131,073 and 196,609.
  expect(() => sim.run()).toThrow(/^simulated time stopped advancing at 10s: 131,072 events in a row fired at that instant: Object 'ticker' keeps scheduling events with zero delay;/);
});

test('stop() ends a run mid-chunk after the event being handled', () => {
  const sim = new Simulation(1);
  let handled = 0;
  const h: EventHandler = {
    handleEvent() {
      if (++handled % 70_000 === 0) sim.stop();
      sim.schedule(1, h);
    },
  };
  sim.schedule(1, h);
  expect(sim.run()).toBe(70_000);
  expect(sim.run(100_000)).toBe(29_999);
  expect(sim.now).toBe(100_000);
});
