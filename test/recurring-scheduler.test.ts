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

  describe('jobs scheduled (asked for, not yet due)', () => {
    /** Samples `<name>_scheduled` at the times `at`. */
    function scheduled(opts: { jobs: number; round: boolean; jitterS: number; at: readonly number[] }) {
      const ctx = new ModelContext(3, 3 * HOUR, 60);
      const sink: JobSink = { accept: (job) => ctx.jobs.release(job) };
      const s = new RecurringScheduler(ctx, { name: 'jobs', jobs: opts.jobs, periodS: HOUR, roundToPeriod: opts.round, jitterS: opts.jitterS, to: sink });
      const samples = opts.at.map(() => NaN);
      opts.at.forEach((t, i) => ctx.sim.call(t, () => (samples[i] = s.scheduled.value)));
      ctx.sim.run(3 * HOUR);
      return { samples, s, gauge: s.scheduled };
    }

    test('with roundToNextHour each job is scheduled from its point of the hour until :00, so all are waiting just before :00', () => {
      const at = [1, 600, 1800, 58 * 60, HOUR - 0.001, HOUR + 1, HOUR + 600, 2 * HOUR - 0.001];
      const { samples, s } = scheduled({ jobs: 2000, round: true, jitterS: 0, at });
      const asked = (t: number) => Array.from({ length: 2000 }, (_, i) => s.phaseS(i)).filter((p) => p <= (t % HOUR)).length;
      // After :00 the next hour's asks start again from none.
      expect(samples).toEqual([asked(1), asked(600), asked(1800), asked(58 * 60), 2000, asked(1), asked(600), 2000]);
      expect(samples[3]).toBeGreaterThan(1850);
      expect(s.scheduled.max).toBe(2000);
    });

    test('without rounding every job always has its next run on the books', () => {
      const at = [0.5, 900, HOUR, 2 * HOUR + 1234];
      const { samples, gauge } = scheduled({ jobs: 500, round: false, jitterS: 0, at });
      expect(samples).toEqual([500, 500, 500, 500]);
      expect(gauge.max).toBe(500);
    });

    test('a run that jitter moves before its ask is due when asked, never counted as waiting', () => {
      // One job per seed, rounded to :00 with +-30 min of jitter: a job asking at :50 may be due
      // at :40. It counts as scheduled exactly while it has asked and its run is still ahead.
      let before = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const ctx = new ModelContext(seed, 2 * HOUR, 60);
        const runs: number[] = [];
        const sink: JobSink = {
          accept: (job) => {
            runs.push(ctx.sim.now);
            ctx.jobs.release(job);
          },
        };
        const s = new RecurringScheduler(ctx, { name: 'jobs', jobs: 1, periodS: HOUR, roundToPeriod: true, jitterS: HOUR / 2, to: sink });
        const at = Array.from({ length: 24 }, (_, i) => 150 + i * 300);
        const samples: number[] = [];
        for (const t of at) ctx.sim.call(t, () => samples.push(s.scheduled.value));
        ctx.sim.run(2 * HOUR);
        // Run k is asked for at phase + k hours, but not before run k - 1 has happened (a job has
        // one pending run, one row in the table); a run not reported by 2h is still pending.
        const pairs = [0, 1].map((k) => ({ ask: Math.max(s.phaseS(0) + k * HOUR, k > 0 ? runs[k - 1]! : 0), run: runs[k] ?? Infinity }));
        if (pairs[0]!.run <= pairs[0]!.ask) before++;
        const expected = (t: number) => pairs.filter(({ ask, run }) => ask <= t && t < run).length;
        expect(samples).toEqual(at.map(expected));
      }
      // Some of the 40 runs were moved before their ask (about a quarter), some were not.
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(40);
    });
  });

  test('jitter above half the period is refused', () => {
    const ctx = new ModelContext(1, HOUR, 60);
    const sink: JobSink = { accept: () => {} };
    expect(() => new RecurringScheduler(ctx, { name: 'x', jobs: 1, periodS: HOUR, jitterS: 1801, to: sink })).toThrow(/half the period/);
  });
});
