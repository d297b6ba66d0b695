// Small in-process figures with tinybench: the kernel alone and random draws.
import { Bench } from 'tinybench';
import { type EventHandler, Exponential, Lognormal, Rng, Simulation } from '../src/index.ts';
import { fmt, table } from './measure.ts';

const EVENTS = 1_000_000;
const DRAWS = 1_000_000;

/** A handler that reschedules itself, ~100 events pending: the kernel's own cost per event. */
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

function draws(sample: (rng: Rng) => number): number {
  const rng = new Rng('bench');
  let s = 0;
  for (let i = 0; i < DRAWS; i++) s += sample(rng);
  return s;
}

export async function micro(): Promise<void> {
  console.log('\n## Kernel and random draws (tinybench, wall time, mean of 10 runs)\n');
  const exp = new Exponential(1);
  const logn = new Lognormal(1, 0.5);
  const bench = new Bench({ iterations: 10, warmupIterations: 2 });
  bench.add('kernel: schedule + fire, ~100 pending', () => void kernelRun());
  bench.add('uniform draws (Alea)', () => void draws((r) => r.next()));
  bench.add('exponential draws (ziggurat)', () => void draws((r) => exp.sample(r)));
  bench.add('lognormal draws (Box–Muller)', () => void draws((r) => logn.sample(r)));
  await bench.run();
  table(
    ['task', 'mean ms', 'per second'],
    bench.tasks.map((t) => {
      const r = t.result as { latency?: { mean: number } } | undefined;
      const ms = r?.latency?.mean ?? NaN;
      const per = t.name.startsWith('kernel') ? EVENTS : DRAWS;
      return [t.name, fmt(ms, 1), `${fmt(per / (ms / 1000))} ${t.name.startsWith('kernel') ? 'events' : 'draws'}`];
    }),
  );
}
