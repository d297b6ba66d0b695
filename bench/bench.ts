// npm run bench [-- SECTION ...]: the engine's performance figures, for reading; never a test
// gate (CI does not run this). Sections, all by default, in this order:
//   micro      kernel events/s and random draws/s (tinybench)
//   mm-c       M/M/1, M/M/10 and M/M/100000 customers per CPU-second beside the reference
//              loop and SimPy, as ratios measured in the same run
//   event-set  CPU ns per event with 10, 10³, 10⁵ and 10⁶ events pending (a process per round)
//   process    the same M/M/c queue as processes beside mm-c's components
//   memory     bytes allocated and retained over a 1M-customer mm-c run
//   day        a 24 h thundering-herd day: wall time and events/s
//   sweep      sweep speedup, --jobs 2 against --jobs 1 (npm run bench:sweep alone)
// The machine may be shared: every section prints the load average beside its figures.
import { eventSet } from './event-set.ts';
import { checkExtraNodeFlags, machine } from './measure.ts';
import { memory } from './memory.ts';
import { micro } from './micro.ts';
import { mmcVsReference } from './mm-c-vs-reference.ts';
import { processVsComponents } from './process-vs-components.ts';
import { sweepSpeedup } from './sweep-bench.ts';
import { thunderingHerdDay } from './thundering-herd-day.ts';

const SECTIONS: Record<string, () => void | Promise<void>> = {
  micro,
  'mm-c': () => mmcVsReference(),
  'event-set': () => eventSet(5),
  process: () => processVsComponents(),
  memory,
  day: () => thunderingHerdDay(),
  sweep: () => sweepSpeedup(),
};

const asked = process.argv.slice(2);
for (const name of asked) {
  if (!(name in SECTIONS)) {
    console.error(`bench: unknown section '${name}'; sections: ${Object.keys(SECTIONS).join(', ')}`);
    process.exit(2);
  }
}
checkExtraNodeFlags();
console.log(`# sim benchmarks: ${machine()}`);
for (const [name, run] of Object.entries(SECTIONS)) if (asked.length === 0 || asked.includes(name)) await run();
