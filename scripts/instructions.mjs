// Instructions per customer or per event, counted by valgrind's callgrind: a figure free of the
// host's noise, where CPU time on a shared VM moves by 30% from one minute to the next (see
// docs/performance.md, which quotes these).
//
//   node scripts/instructions.mjs mm-c [RATE SERVERS]   M/M/c through runModel (default 0.9 1:
//                                                        M/M/1; 9 10 for M/M/10), per customer
//   node scripts/instructions.mjs hold [PENDING]        the hold model at PENDING events pending
//                                                        (default 1000), per event
//   node scripts/instructions.mjs day                   thundering-herd, per event
//
// Each runs the workload twice under callgrind, a short and a long run after the same warm-up
// (M/M/c: 200,000 and 600,000 customers; hold: 1M and 3M events; day: a quarter and three
// quarters of an hour after half an hour), and divides the difference in instructions by the
// difference in customers or events: start-up, loading and warm-up cancel out. Functions are
// compiled in line (--no-concurrent-recompilation, as sim runs). Reads dist/ (built if stale).
// Needs valgrind (Debian: apt-get install valgrind). Takes a few minutes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => pathToFileURL(join(root, 'dist', p)).href;
const USAGE = 'usage: node scripts/instructions.mjs mm-c [RATE SERVERS] | hold [PENDING] | day';

// Per workload: its two sizes (customers, events or hours of the measured run) and whether
// its arguments are valid.
const WORKLOADS = new Map([
  ['mm-c', { sizes: [200_000, 600_000], valid: (a) => a.length === 0 || (a.length === 2 && Number(a[0]) > 0 && Number.isInteger(Number(a[1])) && Number(a[1]) >= 1) }],
  ['hold', { sizes: [1_000_000, 3_000_000], valid: (a) => a.length === 0 || (a.length === 1 && Number.isInteger(Number(a[0])) && Number(a[0]) >= 1) }],
  ['day', { sizes: [0.25, 0.75], valid: (a) => a.length === 0 }],
]);

const [first, ...rest] = process.argv.slice(2);
if (first === '--work') await work(rest);
else drive(first, rest);

/** Runs the workload under callgrind at its two sizes and prints the count per unit. */
function drive(kind, args) {
  const workload = WORKLOADS.get(kind);
  if (!workload || !workload.valid(args)) fail(USAGE);
  const sizes = workload.sizes;
  if (spawnSync('valgrind', ['--version']).error) fail('instructions: needs valgrind on the PATH (Debian: apt-get install valgrind)');
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) fail('instructions: building dist/ failed');
  const [a, b] = sizes.map((size) => measure(kind, size, args));
  const unit = kind === 'mm-c' ? 'customer' : 'event';
  const what = kind === 'mm-c' ? `M/M/c, rate ${args[0] ?? 0.9}, ${args[1] ?? 1} server(s)` : kind === 'hold' ? `hold model, ${args[0] ?? 1000} pending` : 'thundering-herd';
  console.log(`${what}: ${Math.round((b.instructions - a.instructions) / (b.units - a.units))} instructions per ${unit}`);
}

function measure(kind, size, args) {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--no-concurrent-recompilation', fileURLToPath(import.meta.url), '--work', kind, String(size), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const collected = /Collected : (\d+)/.exec(r.stderr ?? '');
  const units = Number((r.stdout ?? '').trim().split('\n').pop());
  if (r.status !== 0 || !collected || !(units > 0)) fail(`instructions: the ${kind} run under valgrind failed:\n${(r.stderr ?? '').split('\n').slice(-5).join('\n')}`);
  return { instructions: Number(collected[1]), units };
}

/** The workload: prints the customers or events of its measured run. */
async function work([kind, sizeText, ...args]) {
  const size = Number(sizeText);
  const engine = await import(dist('src/index.js'));
  if (kind === 'mm-c') {
    const model = (await import(dist('models/mm-c.js'))).default;
    const { DEFAULT_RUN_LIMITS } = await import(dist('src/kernel/run-limits.js'));
    const rate = Number(args[0] ?? 0.9);
    const params = { 'arrival-rate': `${rate}/s`, 'service-time': '1s', servers: Number(args[1] ?? 1) };
    const limits = { ...DEFAULT_RUN_LIMITS, maxBuckets: 1e6 };
    const customers = (seed, n) => engine.runModel(model, { seed, durationS: n / rate, params, limits }).metrics.customers;
    for (let k = 0; k < 3; k++) customers(1000 + k, 100_000);
    console.log(customers(1, size));
  } else if (kind === 'hold') {
    const pending = Number(args[0] ?? 1000);
    const sim = new engine.Simulation(1, pending);
    const rng = sim.rng('hold');
    // As bench/event-set.ts: each event schedules one more an exponential time ahead, so the
    // number pending stays put.
    class Hold {
      left = pending;
      delay = new engine.Exponential(1);
      handleEvent(tag, arg) {
        sim.schedule(this.delay.sample(rng), this, tag, arg);
        if (--this.left === 0) sim.stop();
      }
    }
    const hold = new Hold();
    const first = new engine.Exponential(1);
    for (let i = 0; i < pending; i++) sim.schedule(first.sample(rng), hold, 0, i);
    sim.run();
    hold.left = size;
    console.log(sim.run());
  } else {
    const model = (await import(dist('models/thundering-herd.js'))).default;
    engine.runModel(model, { seed: 2, durationS: 1800 });
    console.log(engine.runModel(model, { seed: 1, durationS: size * 3600 }).eventsFired);
  }
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
