// A 24 h thundering-herd day: the simulation alone (runModel, wall and CPU), then the whole
// command a user types (`sim run thundering-herd --duration 24h --out DIR`: simulation,
// CSV, charts and report), wall time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runModel } from '../src/index.ts';
import herd from '../models/thundering-herd.ts';
import { cpuTimed, fmt, load, repoRoot, runChild, table } from './measure.ts';

export function thunderingHerdDay(hours = 24): void {
  console.log(`\n## A ${hours} h thundering-herd day\n`);
  runModel(herd, { seed: 2, durationS: 1800 }); // warm the JIT
  const before = load();
  const sim = cpuTimed(() => runModel(herd, { seed: 1, durationS: hours * 3600 }));
  const events = sim.value.eventsFired;
  const afterSim = load();
  const dir = mkdtempSync(join(tmpdir(), 'sim-bench-day-'));
  const t0 = performance.now();
  // Started as a shell starts it (its #! line, with the V8 flag sim runs under), not as `node bin/sim.mjs`.
  const cli = runChild(join(repoRoot, 'bin', 'sim.mjs'), ['run', 'thundering-herd', '--duration', `${hours}h`, '--out', join(dir, 'out')]);
  const cliS = (performance.now() - t0) / 1000;
  rmSync(dir, { recursive: true, force: true });
  table(
    ['what', 'wall s', 'CPU s', 'events', 'events/s (wall)', 'CPU ns/event', 'load before..after'],
    [
      ['simulation (runModel)', fmt(sim.wallS, 1), fmt(sim.cpuS, 1), fmt(events), fmt(events / sim.wallS), fmt((sim.cpuS * 1e9) / events), `${before}..${afterSim}`],
      ['sim run … --out (whole command)', 'out' in cli ? fmt(cliS, 1) : `failed: ${cli.error}`, '', '', 'out' in cli ? fmt(events / cliS) : '', '', `${afterSim}..${load()}`],
    ],
  );
  console.log('\nWall time counts other processes on the machine too: read it beside the load average.');
}
