import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import model from '../examples/replay-from-production.ts';
import { InputError, Metrics, readTrace, Rng, runModel, Simulation, TraceArrivals, type JobSink } from '../src/index.ts';
import { JobStore } from '../src/internal.ts';
import { parseArrivals } from '../src/inputs/arrivals.ts';

const dir = mkdtempSync(join(tmpdir(), 'sim-trace-'));
const START = 1709280000; // 2024-03-01T08:00:00Z

/** 10,000 arrivals at random gaps (exact in binary: multiples of 1/1024 s), in epoch seconds. */
function writeTrace(file: string, n = 10_000, iso = false): number[] {
  const rng = new Rng('trace-file');
  const times: number[] = [];
  let t = START;
  const rows = ['ts,queue'];
  for (let i = 0; i < n; i++) {
    t += Math.floor(rng.next() * 2048) / 1024;
    times.push(t);
    const when = iso ? new Date(t * 1000).toISOString() : String(t);
    rows.push(`${when},${i % 3 === 0 ? 'mailers' : 'default'}`);
  }
  writeFileSync(file, `${rows.join('\n')}\n`);
  return times;
}

/** Runs a TraceArrivals on its own and records when each job arrived and of which type. */
function replay(file: string, scale = 1, options: Parameters<typeof readTrace>[1] = {}): { at: number[]; types: string[] } {
  const sim = new Simulation(1);
  const jobs = new JobStore();
  const env = { sim, metrics: new Metrics(sim, 60, 40_000), jobs };
  const at: number[] = [];
  const types: string[] = [];
  const sink: JobSink = {
    accept(job) {
      at.push(sim.now);
      types.push(jobs.typeNames[jobs.type[job]!]!);
      jobs.release(job);
    },
  };
  new TraceArrivals(env, { name: 'trace', trace: readTrace(file, { column: 'ts', typeColumn: 'queue', ...options }), to: sink, scale });
  sim.run();
  return { at, types };
}

describe('trace replay', () => {
  const file = join(dir, 'arrivals.csv');
  const times = writeTrace(file);

  test('a 10,000-row trace gives exactly 10,000 arrivals, at those times, of the rows\' types', () => {
    const { at, types } = replay(file);
    expect(at).toHaveLength(10_000);
    expect(at).toEqual(times.map((t) => t - times[0]!));
    expect(types.slice(0, 4)).toEqual(['mailers', 'default', 'default', 'mailers']);
    expect(types.filter((t) => t === 'mailers')).toHaveLength(3334);
  });

  test('ISO 8601 timestamps replay at the same instants as epoch seconds', () => {
    const iso = join(dir, 'arrivals-iso.csv');
    writeTrace(iso, 2000, true);
    const epoch = join(dir, 'arrivals-2000.csv');
    writeTrace(epoch, 2000);
    // ISO keeps milliseconds; gaps here are multiples of 1/1024 s, so compare at 1 ms.
    const a = replay(iso).at;
    const b = replay(epoch).at;
    expect(a).toHaveLength(2000);
    a.forEach((t, i) => expect(Math.abs(t - b[i]!)).toBeLessThanOrEqual(0.001));
  });

  test('start= maps a chosen instant to time 0: rows before it are not replayed', () => {
    const { at } = replay(file, 1, { startEpochS: times[100]! });
    expect(at).toHaveLength(9900);
    expect(at[0]).toBe(0);
  });

  test('load scale 2 doubles the count with a copy shifted by half a mean gap; 2.5 adds half a copy', () => {
    const one = replay(file).at;
    const two = replay(file, 2).at;
    expect(two).toHaveLength(20_000);
    const gap = (one[one.length - 1]! - one[0]!) / (one.length - 1);
    const shifted = new Set(one.map((t) => t + gap / 2));
    expect(two.filter((t) => shifted.has(t))).toHaveLength(10_000);
    expect(two.every((t, i) => i === 0 || t >= two[i - 1]!)).toBe(true);
    const twoAndHalf = replay(file, 2.5).at.length;
    // Thinning keeps each row of the third copy with probability 1/2: within 4 standard deviations of 5,000.
    expect(Math.abs(twoAndHalf - 25_000)).toBeLessThan(4 * Math.sqrt(10_000 * 0.25));
  });

  test('from flags: --arrivals trace:PATH replays it, --load-scale 2 doubles it', () => {
    const spec = `trace:${file},column=ts,type=queue`;
    const run = (scale: number) => runModel(model, { durationS: 12_000, params: { arrivals: spec, 'load-scale': scale, workers: 4, service: 'exp(1s)' } });
    const r1 = run(1);
    expect(r1.metrics.arrivals).toBe(10_000);
    expect(r1.params.arrivals).toBe(spec);
    expect(run(2).metrics.arrivals).toBe(20_000);
  });

  test('an arrivals spec is a rate or a trace; anything else is an input error naming the forms', () => {
    expect(parseArrivals('5000/h').text).toBe('5000/h');
    expect(() => parseArrivals('trace:missing.csv', '--arrivals')).toThrow(/cannot read missing\.csv: no such file/);
    expect(() => parseArrivals(`trace:${file},colum=ts`, '--arrivals')).toThrow(/unknown option 'colum'.*trace:PATH\[,column=NAME\]/);
    expect(() => parseArrivals('poisson:5/s', '--arrivals')).toThrow(/unknown arrivals form/);
    expect(() => parseArrivals('fast', '--arrivals')).toThrow(InputError);
  });

  test('a row whose timestamp is not one is an error naming the file, the line and the forms accepted', () => {
    const bad = join(dir, 'bad-ts.csv');
    writeFileSync(bad, 'ts\n1709280000\n1709280001\n2024-13-01T00:00:00Z\n');
    expect(() => readTrace(bad)).toThrow(/bad-ts\.csv:4: '2024-13-01T00:00:00Z' in column 'ts' is not a timestamp; expected epoch seconds \(1709280000\.5\) or ISO 8601/);
  });
});
