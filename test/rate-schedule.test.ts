import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ArrivalProcess, arrivalTimes, Exponential, InputError, type JobSink, ModelContext, parseArrivals, parseArrivalTimes, PoissonArrivals, RateSchedule, Rng, now, source } from '../src/index.ts';

function times(text: string, untilS: number, seed = 'x'): number[] {
  const a = parseArrivalTimes(text);
  const rng = new Rng(seed);
  const out: number[] = [];
  for (let t = a.next(0, rng); t < untilS; t = a.next(t, rng)) out.push(t);
  return out;
}

function count(ts: number[], from: number, to: number): number {
  return ts.filter((t) => t >= from && t < to).length;
}

describe('rate schedules: text forms', () => {
  test.each([
    ['40/s', '40/s'],
    ['40/s; 20s: 80/s; 25s: 40/s', '40/s; 20s: 80/s; 25s: 40/s'],
    [' 2400/m ;20s:80/s ; 25s : 40/s ', '40/s; 20s: 80/s; 25s: 40/s'],
    ['0/s; 1m: 40/s -> 100/s; 5m: 100/s', '0/s; 1m: 40/s -> 100/s; 5m: 100/s'],
    ['10/s; 50m: 500/s; 51m: 10/s; repeat 1h', '10/s; 50m: 500/s; 51m: 10/s; repeat 1h'],
    ['5m: 3/s', '5m: 3/s'],
    ['every uniform(1s, 3s)', 'every uniform(1, 3)'],
  ])('%s reads back as %s', (text, canonical) => {
    expect(parseArrivalTimes(text).toString()).toBe(canonical);
    expect(parseArrivalTimes(canonical).toString()).toBe(canonical);
  });

  test('the daily form keeps its 24 weights and means the rate times the weight of each hour', () => {
    const w = [0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.9, 0.8, 0.6, 0.4, 0.3, 0.2, 0.1];
    const s = RateSchedule.parse(`daily 100/s: ${w.join(' ')}`);
    expect(s.toString()).toBe(`daily 100/s: ${w.join(' ')}`);
    expect(s.rateAt(3 * 3600 + 5)).toBeCloseTo(10, 9);
    expect(s.rateAt(86400 + 9 * 3600)).toBeCloseTo(100, 9); // the next day, 09:00
    expect(s.integral(0, 86400)).toBeCloseTo(100 * 3600 * w.reduce((a, b) => a + b, 0), 3);
  });

  test.each([
    ['40/s; 80/s', /entry 2 \('80\/s'\) needs a time/],
    ['40/s; 20s: 80/s;', /an empty entry/],
    ['40/s; 20s: 80/s; 10s: 40/s', /entry 3 starts at 10s, not after the entry before it/],
    ['40/s; 1m: 40/s -> 80/s', /the last entry ramps to 80\/s but nothing says when it gets there/],
    ['40/s; 20s: fast', /--arrivals: entry 2 rate: malformed rate 'fast'/],
    ['40/s; 20x: 80/s', /--arrivals: entry 2 time: malformed duration '20x'/],
    ['40/s; 2h: 80/s; repeat 1h', /entry 2 starts at 2h, not within the repeat period 1h/],
    ['daily 100/s: 1 2 3', /daily needs 24 hourly weights \(hour 0 to hour 23\), got 3/],
    ['every beta(1, 2)', /unknown distribution 'beta'/],
  ])("'%s' is a one-line input error", (text, message) => {
    let err: unknown;
    try {
      parseArrivalTimes(text, '--arrivals');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/^--arrivals: /);
    expect((err as Error).message).not.toContain('\n');
  });
});

describe('non-homogeneous Poisson arrivals, exact by inversion of the integrated rate', () => {
  test('a constant schedule gives the same arrival times, bit for bit, as exponential interarrivals', () => {
    const run = (opts: { interarrival?: Exponential; arrivals?: PoissonArrivals }) => {
      const ctx = new ModelContext(3, 100, 10);
      const seen: number[] = [];
      const sink: JobSink = { accept: (job) => { seen.push(ctx.sim.now); ctx.jobs.release(job); } };
      new ArrivalProcess(ctx, { name: 'a', to: sink, stopS: 100, ...opts });
      ctx.sim.run();
      return seen;
    };
    const a = run({ interarrival: new Exponential(1 / 37) });
    const b = run({ arrivals: parseArrivalTimes('37/s') as PoissonArrivals });
    expect(a.length).toBeGreaterThan(3000);
    expect(b).toEqual(a);
  });

  test('the spike 40/s, 80/s for 5 s, back to 40/s: counts per phase match the integral, with Poisson dispersion', () => {
    const periodS = 40;
    const periods = 2000;
    const ts = times(`40/s; 20s: 80/s; 25s: 40/s; repeat ${periodS}s`, periodS * periods);
    const perPeriod = { before: [] as number[], spike: [] as number[], after: [] as number[] };
    let i = 0;
    for (let p = 0; p < periods; p++) {
      const b = p * periodS;
      const c = { before: 0, spike: 0, after: 0 };
      for (; i < ts.length && ts[i]! < b + periodS; i++) {
        const tau = ts[i]! - b;
        if (tau < 20) c.before++;
        else if (tau < 25) c.spike++;
        else c.after++;
      }
      perPeriod.before.push(c.before);
      perPeriod.spike.push(c.spike);
      perPeriod.after.push(c.after);
    }
    for (const [phase, expected] of [['before', 800], ['spike', 400], ['after', 600]] as const) {
      const xs = perPeriod[phase];
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
      // Mean of 2000 Poisson(800) counts has sd 0.63: 5 sd bounds.
      expect(Math.abs(mean - expected)).toBeLessThan(5 * Math.sqrt(expected / periods));
      // Index of dispersion of a Poisson count is 1; its sampling sd here is about sqrt(2/2000) = 0.032.
      expect(Math.abs(variance / mean - 1)).toBeLessThan(0.15);
    }
  });

  test('on a ramp from 0 the arrival density grows linearly: the mean position within the ramp is 2/3 of its length', () => {
    const ts = times('0/s -> 100/s; 100s: 0/s; repeat 200s', 200 * 400);
    const pos = ts.map((t) => (t % 200) / 100);
    expect(pos.every((x) => x < 1)).toBe(true);
    const mean = pos.reduce((a, b) => a + b, 0) / pos.length;
    expect(pos.length / 400).toBeGreaterThan(4900);
    expect(pos.length / 400).toBeLessThan(5100);
    expect(Math.abs(mean - 2 / 3)).toBeLessThan(0.005);
  });

  test('a daily curve produces arrivals hour by hour in proportion to its weights', () => {
    const w = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 17 ? 1 : 0.25));
    const ts = times(`daily 2/s: ${w.join(' ')}`, 86400 * 20);
    const day = count(ts, 0, 86400 * 20) / 20;
    const office = ts.filter((t) => { const h = Math.floor((t % 86400) / 3600); return h >= 9 && h < 17; }).length / 20;
    expect(day).toBeGreaterThan(0.97 * 2 * 3600 * (8 + 16 * 0.25));
    expect(day).toBeLessThan(1.03 * 2 * 3600 * (8 + 16 * 0.25));
    expect(office / day).toBeCloseTo(8 / 12, 2);
  });

  test('one --arrivals parameter takes rates, schedules, renewal forms and traces alike', () => {
    expect(parseArrivals('5000/h')).toEqual({ kind: 'rate', perS: 5000 / 3600, text: '5000/h' });
    const spike = parseArrivals('40/s; 20s: 80/s; 25s: 40/s', '--arrivals');
    expect(spike.kind).toBe('times');
    expect(spike.text).toBe('40/s; 20s: 80/s; 25s: 40/s');
    expect(parseArrivals('every const(2s)').text).toBe('every const(2)');
    // For a process source, a rate gives the same times as the component's exponential gaps.
    const a = arrivalTimes('37/s');
    const rng = new Rng('p');
    const ref = new Rng('p');
    const e = new Exponential(1 / 37);
    expect(a.next(10, rng)).toBe(10 + e.sample(ref));
  });

  test('a schedule that ends at rate 0 stops the arrivals; an all-zero repeating pattern has none', () => {
    expect(times('10/s; 5s: 0/s', 1000).every((t) => t < 5)).toBe(true);
    expect(parseArrivalTimes('0/s; repeat 1h').next(0, new Rng('z'))).toBe(Infinity);
    expect(times('5m: 3/s', 400).every((t) => t >= 300)).toBe(true);
  });
});

describe('process-style arrivals from a trace', () => {
  test('a source replays a trace at its exact times, several at one instant included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-ptrace-'));
    const file = join(dir, 'arrivals.csv');
    writeFileSync(file, 'ts\n100.5\n100.5\n102\n103.25\n');
    const ctx = new ModelContext(1, 100, 10);
    const seen: number[] = [];
    source(ctx, { name: 'replay', arrivals: arrivalTimes(`trace:${file}`), start: () => (function* () { seen.push(now()); })() });
    ctx.sim.run();
    expect(seen).toEqual([0, 0, 1.5, 2.75]);
  });
});
