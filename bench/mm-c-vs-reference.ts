// M/M/c customers per CPU-second: sim's mm-c model (the public components, through runModel)
// beside the special-purpose reference loop and SimPy, in the same run, rounds alternating
// so that background load falls on all three alike. A ratio is taken in each round, from runs
// seconds apart, and the table gives their median and range: on a shared host a median of
// each column alone pairs sim's quiet minute with the reference loop's busy one.
//
// Each of the three runs in a process of its own per round, as a user's `sim run` does: sim
// warms up on the same queue first (three shorter runs), then one run is timed. (Run one
// after another in one process, each queue ran on code V8 had optimised for the queues before
// it: M/M/10 measured 4.8 M customers per CPU-second there against 5.3 M in its own process.)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_RUN_LIMITS } from '../src/kernel/run-limits.ts';
import { childArgs, cpuTimed, field, findReferenceLoop, fmt, lastJson, load, loadEngine, median, repoRoot, roundRatios, ENGINE_FLAGS, runBenchChild, runChild, table } from './measure.ts';

interface Point {
  readonly label: string;
  readonly lambda: number;
  readonly mu: number;
  readonly c: number;
  /** Customers per engine and reference run. */
  readonly n: number;
  /** Customers per SimPy run (it is ~30x slower; its rate hardly depends on n). */
  readonly simpyN: number;
}

const POINTS: readonly Point[] = [
  { label: 'M/M/1 (λ 0.9, μ 1)', lambda: 0.9, mu: 1, c: 1, n: 2_000_000, simpyN: 200_000 },
  // The same queue time-scaled: the same customers and events in 100× fewer one-minute
  // buckets. Beside the row above, it shows what the number of buckets costs.
  { label: 'M/M/1 (λ 90, μ 100): 100× fewer buckets', lambda: 90, mu: 100, c: 1, n: 2_000_000, simpyN: 0 },
  { label: 'M/M/10 (λ 9, μ 1)', lambda: 9, mu: 1, c: 10, n: 2_000_000, simpyN: 200_000 },
  { label: 'M/M/100000 (λ 90000, μ 1; ~9·10⁴ pending)', lambda: 90_000, mu: 1, c: 100_000, n: 2_000_000, simpyN: 0 },
];

// M/M/1 at λ 0.9 runs 2.2·10⁶ simulated seconds: 37,000 one-minute buckets, past the CLI's
// default bucket limit. Long runs with many buckets are what this measures, so it is raised.
const limits = { ...DEFAULT_RUN_LIMITS, maxBuckets: 1e6 };

/** In the child: warms up on the queue, times one run, prints its rate and the engine's origin as JSON. */
async function engineChild(args: readonly string[]): Promise<void> {
  const [lambda, mu, c, n, seed] = args.map(Number) as [number, number, number, number, number];
  const { engine, model, from } = await loadEngine('mm-c');
  const params = { 'arrival-rate': `${lambda}/s`, 'service-time': `${1 / mu}s`, servers: c };
  const rate = (s: number, customers: number): number => {
    const r = cpuTimed(() => engine.runModel(model, { seed: s, durationS: customers / lambda, params, limits }));
    return r.value.metrics.customers! / r.cpuS;
  };
  for (let k = 0; k < 3; k++) rate(1000 + k, Math.min(n / 10, 200_000)); // warm the JIT
  console.log(JSON.stringify({ rate: rate(seed, n), from: from.split(' ')[0] }));
}

/** sim's customers per CPU-second for one round, in a fresh process started as sim starts. */
function engineRate(p: Point, seed: number): { rate: number; from: string } {
  const out = runBenchChild(import.meta.url, ENGINE_FLAGS, [p.lambda, p.mu, p.c, p.n, seed].map(String));
  if ('error' in out) {
    console.log(`sim failed on ${p.label}, round seed ${seed}: ${out.error}`);
    return { rate: NaN, from: '' };
  }
  return lastJson(out.out);
}

/** A python3 that can import simpy (SIM_PYTHON, python3, or Debian's /usr/bin/python3), or null. */
function findSimPy(): string | null {
  for (const py of [process.env.SIM_PYTHON, 'python3', '/usr/bin/python3']) {
    if (py && spawnSync(py, ['-c', 'import simpy'], { stdio: 'ignore' }).status === 0) return py;
  }
  return null;
}

// Five rounds: on a shared machine the reference loop and SimPy, run as child processes, each
// catch a slow window now and then (SimPy read 107 k customers/s in one round of a run whose
// others read 145-156 k), and a median of three moved with it.
export function mmcVsReference(rounds = 5): void {
  console.log('\n## M/M/c: customers per CPU-second, sim beside the reference loop and SimPy\n');
  const reference = findReferenceLoop();
  const python = findSimPy();
  if (!reference) console.log('reference loop not found (shared/reference/mm-c-limit.mjs beside the repository, or SIM_REFERENCE_LOOP): skipped');
  else console.log(`reference loop: ${reference}`);
  if (!python) console.log('SimPy not installed (apt-get install python3-simpy3, or SIM_PYTHON=<python with simpy>): skipped');
  const rows: string[][] = [];
  const rates: number[] = [];
  const froms = new Set<string>();
  for (const p of POINTS) {
    const eng: number[] = [];
    const ref: number[] = [];
    const spy: number[] = [];
    const loads: string[] = [];
    for (let r = 0; r < rounds; r++) {
      const e = engineRate(p, 1 + r);
      eng.push(e.rate);
      if (e.from) froms.add(e.from);
      if (reference) {
        const out = runChild(process.execPath, [reference, String(p.n), String(p.lambda), String(p.mu), String(p.c), String(1 + r)]);
        ref.push('out' in out ? field(out.out, 'cpu_customers_per_s') : NaN);
      }
      if (python && p.simpyN > 0) {
        const out = runChild(python, [join(repoRoot, 'bench', 'simpy-mm-c.py'), String(p.simpyN), String(p.lambda), String(p.mu), String(p.c), String(1 + r)]);
        spy.push('out' in out ? field(out.out, 'cpu_customers_per_s') : NaN);
      }
      loads.push(load());
    }
    const e = median(eng);
    rates.push(e);
    rows.push([p.label, fmt(e), fmt(median(ref)), roundRatios(eng, ref, 3), fmt(median(spy)), roundRatios(eng, spy, 1), loads.join(' ')]);
  }
  table(['queue', 'sim', 'reference', 'sim/ref, round by round', 'SimPy', 'sim/SimPy, round by round', 'load per round'], rows);
  console.log(`\nMetrics per bucket: the M/M/1 run with 100× fewer buckets serves ${fmt(rates[1]! / rates[0]!, 2)}× the customers per CPU-second of the one above it.`);
  console.log(`Rates are medians of ${rounds} rounds, each of the three in a process of its own (engine: ${[...froms].join(', ')}, ${ENGINE_FLAGS.join(' ')}; ${fmt(POINTS[0]!.n)} customers`);
  console.log(`a run after a warm-up on the same queue; SimPy: ${fmt(POINTS[0]!.simpyN)}). A ratio is the median of the rounds' own`);
  console.log('ratios (sim and the other taken seconds apart), with their range.');
  console.log('The reference loop is one queue and two event kinds hand-fused into a single function; sim runs');
  console.log('the general engine (event set, components, metrics per minute) that every model uses.');
}

const args = childArgs(import.meta.url);
if (args) await engineChild(args);
