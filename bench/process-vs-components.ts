// The process layer's cost: the same M/M/c queue written as processes (examples/process-mm-c.ts)
// beside the built-in mm-c model made of state-machine components, tinybench, same run.
import { Bench } from 'tinybench';
import { runModel } from '../src/index.ts';
import mmc from '../models/mm-c.ts';
import processMmc from '../examples/process-mm-c.ts';
import { fmt, load, table } from './measure.ts';

const CUSTOMERS = 1_000_000;
const RATE = 90;

function run(model: typeof mmc, seed: number): number {
  return runModel(model, { seed, durationS: CUSTOMERS / RATE, params: { 'arrival-rate': `${RATE}/s` } }).metrics.customers!;
}

export async function processVsComponents(): Promise<void> {
  console.log(`\n## Processes beside components: ${fmt(CUSTOMERS)} M/M/c customers (c = 10, ρ = 0.9; tinybench, wall, mean of 5 runs)\n`);
  const bench = new Bench({ iterations: 5, warmupIterations: 1 });
  let seed = 1;
  bench.add('mm-c (components)', () => void run(mmc, seed++));
  bench.add('process-mm-c (processes)', () => void run(processMmc, seed++));
  await bench.run();
  const perS = bench.tasks.map((t) => {
    const r = t.result as { latency?: { mean: number } } | undefined;
    return r?.latency ? CUSTOMERS / (r.latency.mean / 1000) : NaN;
  });
  table(
    ['model', 'mean ms', 'customers/s'],
    bench.tasks.map((t, i) => [t.name, fmt(CUSTOMERS / perS[i]! * 1000, 1), fmt(perS[i]!)]),
  );
  console.log(`\nprocess-style M/M/c runs at ${fmt(perS[1]! / perS[0]!, 2)}x the state-machine mm-c speed (target >= 0.33); load average ${load()}`);
}
