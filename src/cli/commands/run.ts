import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { InputError } from '../../input-error.ts';
import { parseDuration } from '../../kernel/duration.ts';
import { loadModel } from '../../model/load-model.ts';
import { checkRun, runModel } from '../../model/run-model.ts';
import { findings } from '../../report/findings.ts';
import { OutputDir } from '../../report/output-dir.ts';
import { runOutputFiles } from '../../report/run-report.ts';
import { terminalFindings, terminalSummary } from '../../report/terminal-summary.ts';
import { cliIo } from '../cli-io.ts';
import { buildArgs, usageOf } from '../command-spec.ts';
import { RUN_SPEC } from '../command-specs.ts';
import { progressLine } from '../progress-line.ts';
import { parseRunLimits } from '../run-limit-options.ts';
import { modelTable } from './list.ts';

/** Keys of the parsed command line that are not the model's parameters. */
export const RUN_OWN_FLAGS = new Set(['_', '$0', 'model', ...Object.keys(RUN_SPEC.options)]);

interface RunArgs {
  model?: string;
  seed?: string;
  duration?: string;
  out?: string;
  quiet?: boolean;
  [flag: string]: unknown;
}

export function parseSeed(raw: unknown): number {
  if (raw === undefined) return 1;
  const s = String(raw);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) throw new InputError(`--seed: '${s.length > 24 ? `${s.slice(0, 20)}…` : s}' is not a whole number >= 0 (at most ${Number.MAX_SAFE_INTEGER})`);
  return Number(s);
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: usageOf(RUN_SPEC),
  describe: RUN_SPEC.describe,
  builder: (y) => buildArgs(y, RUN_SPEC) as never,
  handler: async (argv) => {
    const io = cliIo();
    const t0 = performance.now();
    if (argv.model === undefined) {
      // The models on stdout for a person; exit 2 for a script whose model variable was empty.
      io.out(`Built-in models:\n${await modelTable()}`);
      throw new InputError('give a model to run: sim run <model> (one of the above) or sim run path/to/model.ts');
    }
    const model = await loadModel(argv.model);
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(argv)) if (!RUN_OWN_FLAGS.has(k)) params[k] = v;
    const seed = parseSeed(argv.seed);
    const durationS = argv.duration === undefined ? undefined : parseDuration(String(argv.duration), '--duration');
    const limits = parseRunLimits(argv);
    // Everything that can be checked is checked before the output is touched or anything runs.
    checkRun(model, { params, ...(durationS === undefined ? {} : { durationS }), limits }, Object.keys(RUN_SPEC.options));
    const outDir = OutputDir.open(argv.out ?? join('reports', model.name));
    try {
      const progress = progressLine(`${model.name}`, io);
      const result = runModel(model, { seed, ...(durationS === undefined ? {} : { durationS }), params, limits, onProgress: progress.update });
      progress.done();
      const found = findings(result);
      const files = await runOutputFiles(result, found);
      outDir.commit(files);
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      if (!argv.quiet) io.out(`${terminalSummary(result)}${terminalFindings(found)}\n`);
      io.out(`wrote ${outDir.dir}/ (summary.json, timeseries.csv, ${result.charts.length} charts, report.html) in ${secs} s wall time\n`);
    } finally {
      outDir.release();
    }
  },
};
