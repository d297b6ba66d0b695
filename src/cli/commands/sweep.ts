import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { CommandModule } from 'yargs';
import { type CliIo, cliIo } from '../cli-io.ts';
import { buildArgs, usageOf } from '../command-spec.ts';
import { SWEEP_SPEC } from '../command-specs.ts';
import { parseRunLimits } from '../run-limit-options.ts';
import { parseJobs } from '../whole-number.ts';
import { loadExperiment } from '../../sweep/experiment.ts';
import { resumeCacheDir, runSweep, type SweepProgress } from '../../sweep/run-sweep.ts';
import { parseShard, type Shard } from '../../sweep/shard.ts';
import { SweepInterrupted } from '../../sweep/thread-pool.ts';

/** The shell's convention for a process stopped by Ctrl-C (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

interface SweepArgs {
  experiment: string;
  jobs?: string;
  out?: string;
  shard?: string;
  [flag: string]: unknown;
}

/** Default output directory: reports/sweeps/<experiment>/, or a sibling per shard. */
export function defaultSweepOut(experiment: string, shard?: Shard): string {
  return join('reports', 'sweeps', shard ? `${experiment}.shard-${shard.index}-of-${shard.count}` : experiment);
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: usageOf(SWEEP_SPEC),
  describe: SWEEP_SPEC.describe,
  builder: (y) => buildArgs(y, SWEEP_SPEC) as never,
  handler: async (argv) => {
    const io = cliIo();
    const t0 = performance.now();
    const threads = parseJobs(argv.jobs);
    const shard = argv.shard === undefined ? undefined : parseShard(argv.shard, io.env);
    const limits = parseRunLimits(argv);
    const exp = await loadExperiment(argv.experiment, process.cwd(), limits);
    const out = argv.out ?? defaultSweepOut(exp.plan.experiment, shard);
    const progress = sweepProgress(t0, io);
    const abort = new AbortController();
    // The first Ctrl-C stops the workers and keeps their runs; a second one exits at once.
    const onSignal = () => (abort.signal.aborted ? process.exit(EXIT_INTERRUPTED) : abort.abort());
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const r = await runSweep(exp, { out, threads, limits, ...(shard ? { shard } : {}), onProgress: progress.update, signal: abort.signal });
      progress.stop();
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      const cached = r.runsCached ? `, ${r.runsCached} from the resume cache` : '';
      const what = shard ? `shard.json for sim merge` : `sweep.csv, summary.csv, ${r.charts} chart${r.charts === 1 ? '' : 's'}, report.html`;
      io.out(`wrote ${out}/ (${what}): ${r.points} points, ${r.runs} runs${cached}, ${threads} thread${threads === 1 ? '' : 's'}, ${secs} s wall time\n`);
    } catch (e) {
      progress.stop();
      if (!(e instanceof SweepInterrupted)) throw e;
      const done = progress.last();
      io.err(
        `sim: interrupted after ${done ? `${done.runsDone} of ${done.runsTotal}` : 'no'} runs; they are kept in ${resumeCacheDir(out)}; run the same command again to resume\n`,
      );
      io.exitCode = EXIT_INTERRUPTED;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};

/**
 * Progress on stderr: a bar of points done with an ETA on a terminal, otherwise one plain
 * line per finished point (logs in CI). Reads the wall clock, which is why it lives here.
 */
function sweepProgress(t0: number, io: CliIo): { update: (p: SweepProgress) => void; stop: () => void; last: () => SweepProgress | undefined } {
  const tty = io.stderrIsTTY;
  let bar: SingleBar | undefined;
  let last: SweepProgress | undefined;
  let startRuns = 0;
  let firstRunAt = 0;
  // From the runs finished since the first one, so thread start-up does not inflate it.
  const eta = (p: SweepProgress): string => {
    const ran = p.runsDone - startRuns - 1;
    if (ran < 1) return '--';
    const s = Math.ceil(((p.runsTotal - p.runsDone) * (performance.now() - firstRunAt)) / ran / 1000);
    return s >= 120 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
  };
  return {
    update(p) {
      if (!last) {
        startRuns = p.runsDone;
        if (p.runsCached) io.err(`sim sweep: resuming: ${p.runsCached} of ${p.runsTotal} runs already done\n`);
        if (tty) {
          bar = new SingleBar({ stream: process.stderr, format: 'sweep [{bar}] {value}/{total} points | {runs}/{runsTotal} runs | ETA {etaText}', hideCursor: true, clearOnComplete: true }, Presets.legacy);
          bar.start(p.pointsTotal, p.pointsDone, { runs: p.runsDone, runsTotal: p.runsTotal, etaText: '--' });
        }
      }
      last = p;
      if (p.runsDone === startRuns + 1) firstRunAt = performance.now();
      bar?.update(p.pointsDone, { runs: p.runsDone, etaText: eta(p) });
      if (!bar && p.finishedPoint) {
        const elapsed = ((performance.now() - t0) / 1000).toFixed(1);
        io.err(`sim sweep: point ${p.pointsDone}/${p.pointsTotal} done (${p.finishedPoint}), ${elapsed} s, ETA ${eta(p)}\n`);
      }
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
    last: () => last,
  };
}
