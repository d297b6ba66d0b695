import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { InputError } from '../../input-error.ts';
import { parseDuration } from '../../kernel/duration.ts';
import { loadModel } from '../../model/load-model.ts';
import { runModel } from '../../model/run-model.ts';
import { findings } from '../../report/findings.ts';
import { checkOutDir, writeOutDir } from '../../report/output-dir.ts';
import { runOutputFiles } from '../../report/run-report.ts';
import { terminalFindings, terminalSummary } from '../../report/terminal-summary.ts';
import { progressLine } from '../progress-line.ts';
import { modelTable } from './list.ts';

const OWN_FLAGS = new Set(['_', '$0', 'seed', 'duration', 'out', 'quiet', 'model']);

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
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) throw new InputError(`--seed: '${s}' is not a whole number >= 0`);
  return Number(s);
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [model]',
  describe: 'Run one model: summary on stdout; summary.json, timeseries.csv, charts and report.html in --out',
  builder: (y) =>
    y
      .positional('model', { type: 'string', describe: 'built-in model name (sim list) or path to a model file' })
      .option('seed', { type: 'string', describe: 'master random seed (default 1)' })
      .option('duration', { type: 'string', describe: 'simulated time, e.g. 30m, 6h (default: the model\'s)' })
      .option('out', { type: 'string', describe: 'output directory (default reports/<model>)' })
      .option('quiet', { type: 'boolean', describe: 'print only the output directory' })
      .strict(false) as never,
  handler: async (argv) => {
    const t0 = performance.now();
    if (argv.model === undefined) {
      // The models on stdout for a person; exit 2 for a script whose model variable was empty.
      process.stdout.write(`Built-in models:\n${await modelTable()}`);
      throw new InputError('give a model to run: sim run <model> (one of the above) or sim run path/to/model.ts');
    }
    const model = await loadModel(argv.model);
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(argv)) if (!OWN_FLAGS.has(k)) params[k] = v;
    const seed = parseSeed(argv.seed);
    const durationS = argv.duration === undefined ? undefined : parseDuration(String(argv.duration), '--duration');
    const out = argv.out ?? join('reports', model.name);
    checkOutDir(out);
    const progress = progressLine(`${model.name}`);
    const result = runModel(model, { seed, durationS, params, onProgress: progress.update });
    progress.done();
    const found = findings(result);
    const files = await runOutputFiles(result, found);
    writeOutDir(out, files);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    if (!argv.quiet) process.stdout.write(`${terminalSummary(result)}${terminalFindings(found)}\n`);
    process.stdout.write(`wrote ${out}/ (summary.json, timeseries.csv, ${result.charts.length} charts, report.html) in ${secs} s wall time\n`);
  },
};
