// A plain timing of one large mm-c run: node bin/run-ts.mjs bench/mm-c-large.ts [customers]
import { runModel } from '../src/index.ts';
import mmc from '../models/mm-c.ts';

const customers = Number(process.argv[2] ?? 1_000_000);
const rate = 90;
runModel(mmc, { seed: 99, durationS: 100_000 / rate }); // warm the JIT
const t0 = performance.now();
const r = runModel(mmc, { seed: 1, durationS: customers / rate });
const s = (performance.now() - t0) / 1000;
const n = r.metrics.customers!;
console.log(`mm-c: ${n.toLocaleString('en-US')} customers, ${r.eventsFired.toLocaleString('en-US')} events in ${s.toFixed(2)} s`);
console.log(`  ${Math.round(n / s).toLocaleString('en-US')} customers/s, ${Math.round(r.eventsFired / s).toLocaleString('en-US')} events/s`);
