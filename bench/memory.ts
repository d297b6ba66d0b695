// Memory over a 1M-customer mm-c run: bytes allocated while it runs (garbage included) and
// heap retained after it. The run happens in a child process with V8's GC trace on: the
// allocation is the heap's growth between collections, summed over the run.
import { fileURLToPath } from 'node:url';
import { runModel } from '../src/index.ts';
import mmc from '../models/mm-c.ts';
import { fmt, runChild, table } from './measure.ts';

const CUSTOMERS = 1_000_000;
const RATE = 90;
const MB = 1024 * 1024;

function child(): void {
  const gc = (globalThis as { gc?: () => void }).gc!;
  runModel(mmc, { seed: 9, durationS: 100_000 / RATE }); // warm the JIT
  runModel(mmc, { seed: 8, durationS: 100_000 / RATE });
  gc();
  console.log(`@@start ${process.memoryUsage().heapUsed}`);
  const r = runModel(mmc, { seed: 1, durationS: CUSTOMERS / RATE });
  console.log(`@@end ${process.memoryUsage().heapUsed}`);
  gc();
  console.log(`@@retained ${process.memoryUsage().heapUsed} ${r.metrics.customers} ${r.eventsFired}`);
}

/** Sums the heap's growth between the markers: (used before each collection - used after the previous one) + the tail. */
export function allocatedBytes(trace: string): { allocated: number; collections: number; start: number; retained: number; customers: number; events: number } {
  let inRun = false;
  let last = 0;
  let allocated = 0;
  let collections = 0;
  let start = NaN;
  let retained = NaN;
  let customers = NaN;
  let events = NaN;
  for (const line of trace.split('\n')) {
    const mark = /^@@(start|end|retained) (\d+)(?: (\d+) (\d+))?/.exec(line);
    if (mark) {
      const bytes = Number(mark[2]);
      if (mark[1] === 'start') {
        inRun = true;
        start = bytes;
        last = bytes;
      } else if (mark[1] === 'end') {
        allocated += bytes - last;
        inRun = false;
      } else {
        retained = bytes - start;
        customers = Number(mark[3]);
        events = Number(mark[4]);
      }
      continue;
    }
    const gcLine = /ms: [A-Za-z -]+? ([\d.]+) \([\d.]+\) -> ([\d.]+) \(/.exec(line);
    if (gcLine && inRun) {
      allocated += Number(gcLine[1]) * MB - last;
      last = Number(gcLine[2]) * MB;
      collections++;
    }
  }
  return { allocated, collections, start, retained, customers, events };
}

export function memory(): void {
  console.log(`\n## Memory over a ${fmt(CUSTOMERS)}-customer mm-c run (c = 10, ρ = 0.9)\n`);
  const me = fileURLToPath(import.meta.url);
  const out = runChild(process.execPath, ['--expose-gc', '--trace-gc', '--min-semi-space-size=64', '--max-semi-space-size=64', 'bin/run-ts.mjs', me, '--child']);
  if ('error' in out) {
    console.log(`failed: ${out.error}`);
    return;
  }
  const m = allocatedBytes(out.out);
  table(
    ['customers', 'events', 'allocated during the run', 'per customer', 'collections in the run', 'heap retained after it'],
    [[fmt(m.customers), fmt(m.events), `${fmt(m.allocated / 1e6, 1)} MB`, `${fmt(m.allocated / m.customers, 1)} B`, fmt(m.collections), `${fmt(m.retained / 1e6, 2)} MB`]],
  );
  console.log('\nAllocated: the heap\'s growth between garbage collections over the run (V8 GC trace, 0.1 MB a collection).');
}

if (process.argv.includes('--child')) child();
