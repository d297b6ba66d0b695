// A 24 h thundering-herd day: the simulation alone (runModel, wall and CPU, in a fresh process
// as sim runs it), then the whole command a user types (`sim run thundering-herd --duration
// 24h --out DIR`: simulation, CSV, charts and report), wall time.
//
// The simulation runs in a process of its own: run after the other sections in the bench's
// process, what V8 had optimised for them (mm-c's handlers in the run loop) made the same day
// 10-25% slower, which no user running a model meets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childArgs, cpuTimed, fmt, lastJson, load, loadEngine, repoRoot, ENGINE_FLAGS, EXTRA_NODE_FLAGS, runBenchChild, runChild, table } from './measure.ts';

/** In the child: a warm-up, then the day; prints its figures as JSON. */
async function child(hours: number): Promise<void> {
  const { engine, model, from } = await loadEngine('thundering-herd');
  engine.runModel(model, { seed: 2, durationS: 1800 }); // warm the JIT
  const sim = cpuTimed(() => engine.runModel(model, { seed: 1, durationS: hours * 3600 }));
  console.log(JSON.stringify({ wallS: sim.wallS, cpuS: sim.cpuS, events: sim.value.eventsFired, from }));
}

export function thunderingHerdDay(hours = 24): void {
  console.log(`\n## A ${hours} h thundering-herd day\n`);
  const before = load();
  const out = runBenchChild(import.meta.url, ENGINE_FLAGS, [String(hours)]);
  const afterSim = load();
  if ('error' in out) {
    console.log(`simulation failed: ${out.error}`);
    return;
  }
  const sim = lastJson<{ wallS: number; cpuS: number; events: number; from: string }>(out.out);
  const events = sim.events;
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
  console.log(`\nThe simulation: ${sim.from}, in a process of its own (${ENGINE_FLAGS.join(' ')}${EXTRA_NODE_FLAGS.length ? '' : ', as sim runs'}), after a 30-minute warm-up run.`);
  console.log('Wall time counts other processes on the machine too: read it beside the load average.');
}

const args = childArgs(import.meta.url);
if (args) await child(Number(args[0] ?? 24));
