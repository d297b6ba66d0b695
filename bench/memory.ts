// Memory over a 1M-customer mm-c run: the bytes of JavaScript objects allocated while it runs
// (garbage included) and the heap retained after it, with the functions that allocated.
//
// Allocation is counted by V8's sampling heap profiler, told to keep the samples of objects
// the collector has since freed: an unbiased estimate of every object allocated (a sample per
// 256 bytes on average), which leaves out what the JIT compiler itself puts on the heap. (The
// heap's growth between collections, measured before, counted that code too and varied by
// tens of megabytes from one run to the next.)
//
// Beside mm-c, the same queue with constant gaps and service times (D/D/10: the same
// components, kernel and metrics): what the engine allocates when every draw is a field read,
// so the difference is what exponential draws cost in boxed numbers (a double returned from a
// call V8 does not inline is allocated on the heap).
//
// Each row runs in fresh processes, with the V8 flag sim's command uses and with V8's defaults:
// under the defaults, what V8 inlines (and so what it boxes) changes from process to process.
//
// A run is measured two ways. Back to back: right after another run, as the runs of a sweep
// follow one another in a worker, on the code V8 optimised for the runs before. After a full
// collection: the collector has freed the run before's objects, V8 has discarded the code
// that checked for their maps, and the run allocates while its functions are optimised
// again (a collection falls between two runs of a sweep only now and then).
import { Session } from 'node:inspector/promises';
import type { Distribution, Model } from '../src/index.ts';
import { childArgs, type Engine, fmt, lastJson, loadEngine, median, ENGINE_FLAGS, runBenchChild, SIM_V8_FLAG, table } from './measure.ts';

const CUSTOMERS = 1_000_000;
const RATE = 90;

/** mm-c's build (models/mm-c.ts) with other draws. */
function queueModel(e: Engine, name: string, draw: (mean: number) => Distribution): Model {
  const { ArrivalProcess, Departures, JobQueue, WorkerPool } = e;
  return e.defineModel({
    name,
    summary: `${name} queue`,
    duration: '1h',
    bucket: '1m',
    params: {},
    build(ctx) {
      const queue = new JobQueue(ctx, 'queue');
      const done = new Departures(ctx, 'done');
      const pool = new WorkerPool(ctx, { name: 'servers', workers: 10, queue, service: draw(0.1), next: done });
      new ArrivalProcess(ctx, { name: 'arrivals', interarrival: draw(1 / RATE), to: queue });
      return { summary: () => ({ customers: done.count.total, wait_mean_s: pool.wait.mean }) };
    },
  });
}

interface ProfileNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly ProfileNode[];
}

/** A short run before the measured one, back to back (no collection between them). */
const LEAD_IN = 100_000;

async function child(which: string, customers: number, backToBack: boolean): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const { engine, model: mmc, from } = await loadEngine('mm-c');
  const { runModel } = engine;
  const model = which === 'dd' ? queueModel(engine, 'd-d-10', (mean) => new engine.Constant(mean)) : mmc;
  runModel(model, { seed: 9, durationS: 100_000 / RATE }); // warm the JIT
  runModel(model, { seed: 8, durationS: 100_000 / RATE });
  gc();
  const before = process.memoryUsage().heapUsed;
  if (backToBack) runModel(model, { seed: 7, durationS: LEAD_IN / RATE });
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
  const r = runModel(model, { seed: 1, durationS: customers / RATE });
  // (The samples are kept outside the JavaScript heap until stopSampling turns them into objects.)
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
  const bySite = new Map<string, number>();
  let allocated = 0;
  const walk = (n: ProfileNode): void => {
    if (n.selfSize > 0) {
      const site = `${n.callFrame.functionName || "(top level)"} (${n.callFrame.url.split("/").slice(-1)[0]})`;
      bySite.set(site, (bySite.get(site) ?? 0) + n.selfSize);
      allocated += n.selfSize;
    }
    for (const c of n.children) walk(c);
  };
  walk(profile.head);
  const top = [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 3);
  console.log(JSON.stringify({ customers: r.metrics.customers, events: r.eventsFired, allocated, retained, top, from }));
}

/**
 * What a run allocates is a part per customer and a part per run: right after a full
 * collection, V8 has discarded the optimised code of the run before (its objects' maps died),
 * and the run allocates while its functions are optimised again. Runs of 1M and 3M customers,
 * as sim runs, tell the two apart.
 */
function perRun(short: readonly number[]): void {
  const LONG = 3 * CUSTOMERS;
  const long: number[] = [];
  for (let p = 0; p < PROCESSES; p++) {
    const out = runBenchChild(import.meta.url, [...ENGINE_FLAGS, '--expose-gc'], ['mm-c', String(LONG), 'after-gc']);
    if ('error' in out) break;
    long.push(lastJson<{ allocated: number }>(out.out).allocated);
  }
  if (!short.length || long.length < PROCESSES) {
    console.log('\nmm-c after a full collection, per customer and per run: a child failed, skipped');
    return;
  }
  const perCustomer = (median(long) - median(short)) / (LONG - CUSTOMERS);
  const perRun = median(short) - perCustomer * CUSTOMERS;
  console.log(`\nmm-c as sim runs, after a full collection, ${fmt(CUSTOMERS)} and ${fmt(LONG)} customers (${PROCESSES} processes each): ${fmt(median(short) / 1e6, 2)} MB and ${fmt(median(long) / 1e6, 2)} MB,`);
  console.log(`so ${fmt(perCustomer, 2)} B per customer and ${fmt(perRun / 1e6, 2)} MB per run: the run re-optimises the code the collection before it discarded.`);
}

/** Child processes per row: how much a run allocates depends on V8's compile timing in the default mode. */
const PROCESSES = 3;

export function memory(): void {
  console.log(`\n## Memory over a ${fmt(CUSTOMERS)}-customer run (c = 10, ρ = 0.9)\n`);
  const rows: string[][] = [];
  const rowsFrom = new Set<string>();
  let mmcAfterGc: number[] = [];
  for (const [which, label] of [
    ['mm-c', 'mm-c (exponential draws)'],
    ['dd', 'D/D/10: same components, constant draws'],
  ] as const) {
    for (const [flags, mode, when] of [
      [ENGINE_FLAGS, 'as sim runs', 'back-to-back'],
      [ENGINE_FLAGS, 'as sim runs', 'after-gc'],
      [[], 'V8 defaults', 'back-to-back'],
    ] as const) {
      const runs: { customers: number; events: number; allocated: number; retained: number; top: [string, number][]; from: string }[] = [];
      let failed = '';
      for (let p = 0; p < PROCESSES && !failed; p++) {
        const out = runBenchChild(import.meta.url, [...flags, '--expose-gc'], [which, String(CUSTOMERS), when]);
        if ('error' in out) failed = out.error;
        else runs.push(lastJson(out.out));
      }
      if (failed) {
        rows.push([label, mode, when, `failed: ${failed}`, '', '', '', '', '']);
        continue;
      }
      for (const m of runs) rowsFrom.add(m.from);
      if (which === 'mm-c' && flags.length && when === 'after-gc') mmcAfterGc = runs.map((m) => m.allocated);
      const perCustomer = runs.map((m) => m.allocated / m.customers);
      const mid = runs[perCustomer.indexOf(median(perCustomer))]!;
      const sites = mid.top.map(([site, bytes]) => `${site} ${fmt(bytes / 1e6, 1)} MB`).join('; ');
      rows.push([
        label,
        mode,
        when === 'after-gc' ? 'after a full collection' : 'back to back',
        fmt(mid.customers),
        `${fmt(mid.allocated / 1e6, 1)} MB`,
        `${fmt(median(perCustomer), 1)} B`,
        perCustomer.map((b) => fmt(b, 1)).join(' '),
        `${fmt(mid.retained / 1e6, 2)} MB`,
        sites,
      ]);
    }
  }
  table(['run', 'V8', 'the run', 'customers', 'allocated during the run', 'per customer', 'per customer, each process', 'heap retained after it', 'allocated most in'], rows);
  perRun(mmcAfterGc);
  console.log(`\nThe engine: ${[...rowsFrom].join(', ')}. Allocated: objects allocated during the run, garbage included (V8 sampling heap profiler, a sample per`);
  console.log(`256 B), median of ${PROCESSES} processes. "back to back": right after a ${fmt(LEAD_IN)}-customer run, with no collection between, as`);
  console.log('the runs of a sweep follow one another; "after a full collection": right after one (the code of the run before is');
  console.log('optimised again). The D/D/10 row runs the same kernel, components and metrics with');
  console.log(`every draw a constant. "as sim runs": ${SIM_V8_FLAG}, the flag sim's command starts Node with (V8 optimises`);
  console.log('hot functions in line, so what it inlines is the same in every process); "V8 defaults": optimised on a');
  console.log('background thread, where what a caller inlines depends on which callees happen to be optimised already.');
}

const args = childArgs(import.meta.url);
if (args) await child(args[0] ?? 'mm-c', Number(args[1] ?? CUSTOMERS), args[2] !== 'after-gc');
