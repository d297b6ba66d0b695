import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { AutoBackend } from '../../check/auto-backend.ts';
import { InputError } from '../../input-error.ts';
import { parseDuration } from '../../kernel/duration.ts';
import { loadModel, modelFile } from '../../model/load-model.ts';
import { flagName, parseParam } from '../../model/param.ts';
import { checkOutDir, writeOutDir } from '../../report/output-dir.ts';
import { planAnswerText, planJsonOutput, planMarginText, planOutputFiles } from '../../plan/plan-output.ts';
import { runPlan } from '../../plan/run-plan.ts';
import { CRITERIA, type Criterion, parseSlos } from '../../plan/slo.ts';
import { EXIT_CHECK_FAILED } from '../exit-codes.ts';
import { parseJobs, wholeNumber } from '../whole-number.ts';
import { parseSeed } from './run.ts';

const OWN = new Set(['_', '$0', 'model', 'vary', 'minimize', 'min', 'max', 'slo', 'criterion', 'replications', 'points', 'resolution', 'duration', 'out', 'jobs', 'seed', 'json']);
const NUMERIC = new Set(['int', 'number', 'duration', 'rate']);

interface PlanArgs {
  model: string;
  vary?: string;
  minimize?: string;
  min?: string;
  max?: string;
  slo?: string | string[];
  criterion?: string;
  replications?: string;
  points?: string;
  resolution?: string;
  duration?: string;
  out?: string;
  jobs?: string;
  seed?: string;
  json?: boolean;
  [flag: string]: unknown;
}

export const planCommand: CommandModule<object, PlanArgs> = {
  command: 'plan <model>',
  describe: 'Capacity planning: the largest load (--vary) or smallest resource (--minimize) that meets every --slo',
  builder: (y) =>
    y
      .positional('model', { type: 'string', demandOption: true, describe: 'built-in model name or path to a model file' })
      .option('vary', { type: 'string', describe: 'find the LARGEST value of this parameter that meets every SLO (load: rate, scale)' })
      .option('minimize', { type: 'string', describe: 'find the SMALLEST value of this parameter that meets every SLO (resource: pool size, workers)' })
      .option('min', { type: 'string', describe: "lower end of the range (default: the parameter's minimum)" })
      .option('max', { type: 'string', describe: "upper end of the range (default: the parameter's maximum)" })
      .option('slo', { type: 'string', array: true, describe: 'a check expression on summary metrics, e.g. "wait_mean_s < 0.05"; repeat for several' })
      .option('criterion', { type: 'string', describe: 'how a bare metric is judged over replications: ci (95% bound, default), all (every run), mean' })
      .option('replications', { type: 'string', describe: 'runs per point, seeds 1..N (default 5)' })
      .option('points', { type: 'string', describe: 'coarse grid points before bisection (default 6)' })
      .option('resolution', { type: 'string', describe: 'stop bisecting when the bracket is this narrow (default: 1 for whole numbers, 1% of the range otherwise)' })
      .option('duration', { type: 'string', describe: "simulated time per run (default: the model's)" })
      .option('out', { type: 'string', describe: 'output directory (default reports/plans/<model>-<param>)' })
      .option('jobs', { type: 'string', describe: 'worker threads (default: the number of cores)' })
      .option('json', { type: 'boolean', describe: 'print the answer and every point tried as JSON on stdout instead of the text (exit code as without it)' })
      .strict(false) as never,
  handler: async (argv) => {
    const model = await loadModel(argv.model);
    if (!argv.vary === !argv.minimize) throw new InputError('give exactly one of --vary <param> (largest load) or --minimize <param> (smallest resource)');
    const param = (argv.vary ?? argv.minimize)!;
    const key = Object.keys(model.params).find((k) => flagName(k) === param);
    if (!key) throw new InputError(`--${argv.vary ? 'vary' : 'minimize'} ${param}: model ${model.name} has no such parameter; its parameters are: ${Object.keys(model.params).map(flagName).join(', ')}`);
    const spec = model.params[key]!;
    if (!NUMERIC.has(spec.kind)) throw new InputError(`--${argv.vary ? 'vary' : 'minimize'} ${param}: a ${spec.kind} parameter cannot be searched; choose a numeric one (integer, number, duration or rate)`);
    const bound = (raw: unknown, fallback: number | undefined, which: string): number => {
      if (raw === undefined) {
        if (fallback === undefined || !Number.isFinite(fallback)) throw new InputError(`--${which} is required: ${param} has no ${which}imum of its own`);
        return fallback;
      }
      return parseParam(spec, raw, which) as number;
    };
    const lo = bound(argv.min, spec.min, 'min');
    const hi = bound(argv.max, spec.max, 'max');
    if (!(lo < hi)) throw new InputError(`the range --min ${argv.min ?? lo} .. --max ${argv.max ?? hi} is empty; --min must be below --max`);
    const criterion = (argv.criterion ?? 'ci') as Criterion;
    if (!CRITERIA.includes(criterion)) throw new InputError(`--criterion: '${argv.criterion}' is not allowed; use one of ${CRITERIA.join(', ')}`);
    const replications = wholeNumber(argv.replications, 'replications', 5, 1);
    if (criterion === 'ci' && replications < 2) throw new InputError('--criterion ci needs --replications 2 or more (a confidence interval needs two runs); use --criterion all for one');
    const points = wholeNumber(argv.points, 'points', 6, 2);
    const resolution = argv.resolution === undefined ? (spec.kind === 'int' ? 1 : (hi - lo) / 100) : (parseParam(spec, argv.resolution, 'resolution') as number);
    const slos = parseSlos(argv.slo === undefined ? [] : ([] as string[]).concat(argv.slo), criterion);
    const fixed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(argv)) if (!OWN.has(k)) fixed[k] = v;
    if (param in fixed) throw new InputError(`--${param} is the searched parameter; do not also fix it`);
    const durationS = argv.duration === undefined ? undefined : parseDuration(String(argv.duration), '--duration');
    const seedBase = parseSeed(argv.seed);
    const out = argv.out ?? join('reports', 'plans', `${model.name}-${param}`);
    checkOutDir(out);
    const threads = parseJobs(argv.jobs);

    const t0 = performance.now();
    const result = await runPlan(
      {
        model,
        modelFile: modelFile(argv.model),
        goal: argv.vary ? 'largest' : 'smallest',
        param,
        spec,
        lo,
        hi,
        resolution,
        gridPoints: points,
        fixed,
        durationS: durationS ?? parseDuration(model.duration),
        seeds: Array.from({ length: replications }, (_, i) => seedBase + i),
        slos,
        criterion,
      },
      new AutoBackend(threads, () => performance.now()),
      join('.sim-cache', 'runs'),
      (p) => process.stderr.write(`sim plan: ${param}=${p.label} ${p.pass ? 'meets' : 'misses'} the SLOs (${p.slos.map((s) => s.actual).join('; ')})\n`),
    );
    writeOutDir(out, await planOutputFiles(result));
    if (argv.json) {
      process.stdout.write(`${JSON.stringify(planJsonOutput(result, out), null, 2)}\n`);
      if (result.outcome.kind !== 'answer') process.exitCode = EXIT_CHECK_FAILED;
      return;
    }
    process.stdout.write(`${planAnswerText(result)}\n`);
    const margins = planMarginText(result);
    if (margins.length) process.stdout.write(`at the answer:\n${margins.join('\n')}\n`);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    process.stdout.write(`wrote ${out}/ (plan.csv, plan.json, charts, report.html): ${result.points.length} points, ${result.runs} runs (${result.runsCached} cached), ${secs} s wall time\n`);
    if (result.outcome.kind !== 'answer') process.exitCode = EXIT_CHECK_FAILED;
  },
};
