// CPU ns per event with N events pending, N = 10 ... 10⁶: the classic hold model on the
// kernel (each event reschedules itself an exponential time ahead, so the number pending
// stays N and every insertion lands at a random rank). It times the whole engine path a
// component takes: schedule, the event set, the run loop's dispatch and one Exponential draw.
//
// Each round runs in a fresh process, as a `sim run` does. Rounds in one process were not
// independent: the arrays a round frees decide where the next round's land (glibc maps a
// large block on its own pages, and once the process has freed one, it serves smaller ones
// from its heap instead, at another offset to the cache lines; see docs/performance.md).
import { type EventHandler, Exponential, type Rng, Simulation } from '../src/index.ts';
import { childArgs, cpuTimed, ENGINE_FLAGS, fmt, lastJson, load, median, roundRatios, runBenchChild, table } from './measure.ts';

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

/** In the child: one round, every size in turn after a warm-up; prints ns per event by size as JSON. */
function roundChild(seed: number): void {
  for (const n of SIZES) holdNs(Math.min(n, 1000), 200_000, 99); // warm the JIT
  console.log(JSON.stringify(SIZES.map((n) => holdNs(n, Math.max(2_000_000, 3 * n), seed))));
}

export function eventSet(rounds = 3): void {
  console.log('\n## The event set at scale: CPU ns per event with N events pending (hold model)\n');
  const byN = new Map<number, number[]>(SIZES.map((n) => [n, []]));
  const loads: string[] = [];
  for (let r = 0; r < rounds; r++) {
    const out = runBenchChild(import.meta.url, ENGINE_FLAGS, [String(1 + r)]);
    if ('error' in out) {
      console.log(`the event-set round ${1 + r} failed: ${out.error}`);
      return;
    }
    lastJson<number[]>(out.out).forEach((ns, i) => byN.get(SIZES[i]!)!.push(ns));
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
  console.log(`\nns per event: medians of ${rounds} rounds, each in a fresh process; a ratio: the median of the rounds' own ratios, and their range.`);
  console.log(`Load average after each round: ${loads.join(' ')}.`);
}

const args = childArgs(import.meta.url);
if (args) roundChild(Number(args[0]));
