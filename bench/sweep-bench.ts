// Sweep throughput vs threads; `npm run bench:sweep [-- runs rounds]` runs it alone
// (defaults 48 runs, 3 rounds), `npm run bench` as its last section.
// Times a CPU-bound mm-c sweep (no charts, so the serial output step is small) with one and
// with two worker threads, alternating so background load affects both alike, and prints
// each round and the speedup of the medians. Wall-clock figures for reading, never a gate.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExperiment } from '../src/sweep/experiment.ts';
import { runSweep } from '../src/sweep/run-sweep.ts';
import { load, median } from './measure.ts';

export async function sweepSpeedup(runs = 48, rounds = 3): Promise<void> {
  console.log(`\n## Sweep speedup: --jobs 2 against --jobs 1\n`);
  const dir = mkdtempSync(join(tmpdir(), 'sim-sweep-bench-'));
  const file = join(dir, 'bench.yaml');
  writeFileSync(file, `model: mm-c\nduration: 2h\nreplications: ${runs / 2}\ngrid:\n  arrival-rate: [85/s, 95/s]\n`);
  const exp = await loadExperiment(file);
  const time = async (threads: number, round: number): Promise<number> => {
    const out = join(dir, `out-${threads}-${round}`);
    const t0 = performance.now();
    await runSweep(exp, { out, threads });
    const s = (performance.now() - t0) / 1000;
    rmSync(out, { recursive: true });
    return s;
  };
  const one: number[] = [];
  const two: number[] = [];
  console.log(`mm-c, ${runs} runs of 2 h simulated (about 1.3 million events each); ${availableParallelism()} cores`);
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so a drift in background load does not favour one.
    if (r % 2 === 0) {
      one.push(await time(1, r));
      two.push(await time(2, r));
    } else {
      two.push(await time(2, r));
      one.push(await time(1, r));
    }
    // Other processes on the machine take cores from the sweep: the load average shows it.
    console.log(`round ${r + 1}: --jobs 1 ${one[r]!.toFixed(2)} s, --jobs 2 ${two[r]!.toFixed(2)} s, speedup ${(one[r]! / two[r]!).toFixed(2)}x (load average ${load()})`);
  }
  console.log(`median: --jobs 1 ${median(one).toFixed(2)} s, --jobs 2 ${median(two).toFixed(2)} s, speedup ${(median(one) / median(two)).toFixed(2)}x`);
  rmSync(dir, { recursive: true });
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) await sweepSpeedup(Number(process.argv[2] ?? 48), Number(process.argv[3] ?? 3));
