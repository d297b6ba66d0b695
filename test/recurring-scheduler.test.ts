import { describe, expect, test } from 'vitest';
import { type JobSink, ModelContext, RecurringScheduler } from '../src/index.ts';

const HOUR = 3600;

/** Runs a scheduler for `hours` and returns every run as [time, recurring job index]. */
function runs(opts: { jobs: number; round: boolean; jitterS: number; hours: number }): number[] {
  const ctx = new ModelContext(7, opts.hours * HOUR, 60);
  const times: number[] = [];
  const sink: JobSink = {
    accept: (job) => {
      times.push(ctx.jobs.createdAt[job]!);
      ctx.jobs.release(job);
    },
  };
  new RecurringScheduler(ctx, { name: 'hourly', jobs: opts.jobs, periodS: HOUR, roundToPeriod: opts.round, jitterS: opts.jitterS, to: sink });
  ctx.sim.run(opts.hours * HOUR);
  return times;
}

function perHour(times: readonly number[], hours: number): number[] {
  const counts = new Array<number>(hours).fill(0);
  for (const t of times) counts[Math.floor(t / HOUR)]!++;
  return counts;
}

describe('RecurringScheduler', () => {
  test('roundToNextHour puts every run of every job at exactly :00:00', () => {
    const times = runs({ jobs: 5000, round: true, jitterS: 0, hours: 4 });
    expect(times).toHaveLength(3 * 5000);
    expect(new Set(times)).toEqual(new Set([HOUR, 2 * HOUR, 3 * HOUR]));
    expect(times.filter((t) => t === HOUR)).toHaveLength(5000);
  });

  test('without rounding the runs spread over the hour, once per job per hour', () => {
    const times = runs({ jobs: 5000, round: false, jitterS: 0, hours: 3 });
    expect(perHour(times, 3)).toEqual([5000, 5000, 5000]);
    // Spread: no minute of the hour holds more than twice its share (83 per minute).
    const perMinute = new Array<number>(60).fill(0);
    for (const t of times) if (t < HOUR) perMinute[Math.floor(t / 60)]!++;
    expect(Math.max(...perMinute)).toBeLessThan(2 * (5000 / 60));
    expect(Math.min(...perMinute)).toBeGreaterThan(0.5 * (5000 / 60));
  });

  test('jitter spreads the :00 runs uniformly over plus or minus the jitter', () => {
    const jitterS = 15 * 60;
    const times = runs({ jobs: 5000, round: true, jitterS, hours: 3 });
    // Runs of the :00 slot at 2h, each within +-15 min of it; one run per job per slot.
    const around2h = times.filter((t) => Math.abs(t - 2 * HOUR) <= jitterS);
    expect(around2h).toHaveLength(5000);
    expect(times.every((t) => Math.abs(t - Math.round(t / HOUR) * HOUR) <= jitterS)).toBe(true);
    // Uniform: each of the 30 minutes holds about 1/30 of them; none at exactly :00.
    const perMinute = new Array<number>(30).fill(0);
    for (const t of around2h) perMinute[Math.floor((t - (2 * HOUR - jitterS)) / 60)]!++;
    expect(Math.max(...perMinute)).toBeLessThan(1.3 * (5000 / 30));
    expect(Math.min(...perMinute)).toBeGreaterThan(0.7 * (5000 / 30));
    expect(times.filter((t) => t === 2 * HOUR)).toHaveLength(0);
  });

  test('the same seed gives the same schedule', () => {
    const a = runs({ jobs: 500, round: false, jitterS: 600, hours: 2 });
    const b = runs({ jobs: 500, round: false, jitterS: 600, hours: 2 });
    expect(a).toEqual(b);
  });

  test('jitter above half the period is refused', () => {
    const ctx = new ModelContext(1, HOUR, 60);
    const sink: JobSink = { accept: () => {} };
    expect(() => new RecurringScheduler(ctx, { name: 'x', jobs: 1, periodS: HOUR, jitterS: 1801, to: sink })).toThrow(/half the period/);
  });
});
