// npm run bench: kernel events/s and mm-c customers/s (tinybench), then one large mm-c run.
// Figures are for reading, never for gating: CI does not run this.
import { Bench } from 'tinybench';
import { type EventHandler, runModel, Simulation } from '../src/index.ts';
import mmc from '../models/mm-c.ts';
import processMmc from '../examples/process-mm-c.ts';

const EVENTS = 1_000_000;
const CUSTOMERS = 1_000_000;
const RATE = 90;

/** A handler that reschedules itself: the kernel's own cost per event, with ~100 events pending. */
function kernelRun(): number {
  const sim = new Simulation(1);
  const rng = sim.rng('bench');
  let left = EVENTS;
  const h: EventHandler = {
    handleEvent() {
      if (--left > 0) sim.schedule(rng.next(), h);
    },
  };
  for (let i = 0; i < 100; i++) sim.schedule(rng.next(), h);
  return sim.run();
}

function mmcRun(seed: number): number {
  const r = runModel(mmc, { seed, durationS: CUSTOMERS / RATE, params: { 'arrival-rate': `${RATE}/s` } });
  return r.metrics.customers!;
}

/** The same queue written as processes (examples/process-mm-c.ts): the cost of the process layer. */
function processMmcRun(seed: number): number {
  const r = runModel(processMmc, { seed, durationS: CUSTOMERS / RATE, params: { 'arrival-rate': `${RATE}/s` } });
  return r.metrics.customers!;
}

const bench = new Bench({ iterations: 5, warmupIterations: 1 });
let seed = 1;
bench.add(`kernel: ${EVENTS.toLocaleString('en-US')} events`, () => void kernelRun());
bench.add(`mm-c: ${CUSTOMERS.toLocaleString('en-US')} customers (c=10, rho=0.9)`, () => void mmcRun(seed++));
bench.add(`process-mm-c: ${CUSTOMERS.toLocaleString('en-US')} customers (c=10, rho=0.9)`, () => void processMmcRun(seed++));
await bench.run();

const rows = bench.tasks.map((t) => {
  const r = t.result as { latency?: { mean: number }; period?: number } | undefined;
  const meanMs = r?.latency?.mean ?? r?.period ?? NaN;
  const per = t.name.startsWith('kernel') ? EVENTS : CUSTOMERS;
  const unit = t.name.startsWith('kernel') ? 'events/s' : 'customers/s';
  return { task: t.name, 'mean ms': meanMs.toFixed(1), throughput: `${Math.round(per / (meanMs / 1000)).toLocaleString('en-US')} ${unit}` };
});
console.table(rows);
const perS = (name: string) => {
  const t = bench.tasks.find((x) => x.name.startsWith(name));
  const r = t?.result as { latency?: { mean: number } } | undefined;
  return r?.latency ? CUSTOMERS / (r.latency.mean / 1000) : NaN;
};
console.log(`process-style M/M/c runs at ${(perS('process-mm-c') / perS('mm-c')).toFixed(2)}x the state-machine mm-c speed (target >= 0.33)`);
