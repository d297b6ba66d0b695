// CPU ns per event with N events pending, N = 10 ... 10⁶: the classic hold model on the
// kernel (each event reschedules itself an exponential time ahead, so the number pending
// stays N and every insertion lands at a random rank). It times the whole engine path a
// component takes: schedule, the event set, the run loop's dispatch and one Exponential draw.
import { type EventHandler, Exponential, type Rng, Simulation } from '../src/index.ts';
import { cpuTimed, fmt, load, median, roundRatios, table } from './measure.ts';

const SIZES = [10, 1_000, 100_000, 1_000_000];

/** Every event schedules its successor; the run stops after `left` events, leaving N pending. */
class Hold implements EventHandler {
  left = 0;
  private readonly delay = new Exponential(1);
  constructor(
    private readonly sim: Simulation,
    private readonly rng: Rng,
  ) {}
  handleEvent(tag: number, arg: number): void {
    this.sim.schedule(this.delay.sample(this.rng), this, tag, arg);
    if (--this.left === 0) this.sim.stop();
  }
}

/** CPU ns per event over `events` events with n pending, after n untimed events. */
function holdNs(n: number, events: number, seed: number): number {
  const sim = new Simulation(seed, n);
  const rng = sim.rng('hold');
  const h = new Hold(sim, rng);
  const first = new Exponential(1);
  for (let i = 0; i < n; i++) sim.schedule(first.sample(rng), h, 0, i);
  h.left = n; // every event once, so that the times pending reach their steady spread
  sim.run();
  h.left = events;
  const r = cpuTimed(() => sim.run());
  return (r.cpuS * 1e9) / r.value;
}

export function eventSet(rounds = 3): void {
  console.log('\n## The event set at scale: CPU ns per event with N events pending (hold model)\n');
  for (const n of SIZES) holdNs(Math.min(n, 1000), 200_000, 99); // warm the JIT
  const byN = new Map<number, number[]>(SIZES.map((n) => [n, []]));
  const loads: string[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const n of SIZES) byN.get(n)!.push(holdNs(n, Math.max(2_000_000, 3 * n), 1 + r));
    loads.push(load());
  }
  // A round runs every size within a few seconds: each size is compared with its own round's 10³.
  const at1000 = byN.get(1000)!;
  table(
    ['events pending', 'ns per event', 'vs 10³ pending, round by round', 'rounds'],
    SIZES.map((n) => {
      const xs = byN.get(n)!;
      return [fmt(n), fmt(median(xs), 1), roundRatios(xs, at1000, 2, '×'), xs.map((x) => fmt(x)).join(' ')];
    }),
  );
  console.log(`\nns per event: medians of ${rounds} rounds; a ratio: the median of the rounds' own ratios, and their range.`);
  console.log(`Load average after each round: ${loads.join(' ')}.`);
}
