import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { AutoBackend } from '../../check/auto-backend.ts';
import { didYouMean } from '../../close-names.ts';
import { expressionMetrics } from '../../check/expression.ts';
import { unknownMetricMessage } from '../../check/unknown-metric-message.ts';
import { checkFileWritable } from '../../files/write-file-atomic.ts';
import { InputError } from '../../input-error.ts';
import { parseDuration } from '../../kernel/duration.ts';
import { loadModel, modelFile } from '../../model/load-model.ts';
import { flagName, parseParam } from '../../model/param.ts';
import { probeMetricNames } from '../../model/probe-metric-names.ts';
import { checkRun } from '../../model/run-model.ts';
import { OutputDir } from '../../report/output-dir.ts';
import { planAnswerText, planMarginText, planOutputFiles } from '../../plan/plan-output.ts';
import { runPlan } from '../../plan/run-plan.ts';
import { CRITERIA, type Criterion, parseSlos } from '../../plan/slo.ts';
import { cliIo } from '../cli-io.ts';
import { buildArgs, usageOf } from '../command-spec.ts';
import { PLAN_SPEC } from '../command-specs.ts';
import { EXIT_CHECK_FAILED } from '../exit-codes.ts';
import { parseRunLimits } from '../run-limit-options.ts';
import { parseJobs, wholeNumber } from '../whole-number.ts';
import { parseSeed } from './run.ts';

const OWN = new Set(['_', '$0', 'model', ...Object.keys(PLAN_SPEC.options)]);
const CACHE_DIR = join('.sim-cache', 'runs');
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
  [flag: string]: unknown;
}

export const planCommand: CommandModule<object, PlanArgs> = {
  command: usageOf(PLAN_SPEC),
  describe: PLAN_SPEC.describe,
  builder: (y) => buildArgs(y, PLAN_SPEC) as never,
  handler: async (argv) => {
    const io = cliIo();
    const model = await loadModel(argv.model);
    if (!argv.vary === !argv.minimize) throw new InputError('give exactly one of --vary <param> (largest load) or --minimize <param> (smallest resource)');
    const param = (argv.vary ?? argv.minimize)!;
    const key = Object.keys(model.params).find((k) => flagName(k) === param);
    if (!key) throw new InputError(`--${argv.vary ? 'vary' : 'minimize'} ${param}: model ${model.name} has no such parameter${didYouMean(param, Object.keys(model.params).map(flagName))}; its parameters are: ${Object.keys(model.params).map(flagName).join(', ') || 'none'}`);
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
    const replications = wholeNumber(argv.replications, 'replications', 5, 1, 100_000);
    if (criterion === 'ci' && replications < 2) throw new InputError('--criterion ci needs --replications 2 or more (a confidence interval needs two runs); use --criterion all for one');
    const points = wholeNumber(argv.points, 'points', 6, 2, 1000);
    const resolution = argv.resolution === undefined ? (spec.kind === 'int' ? 1 : (hi - lo) / 100) : (parseParam(spec, argv.resolution, 'resolution') as number);
    const slos = parseSlos(argv.slo === undefined ? [] : ([] as string[]).concat(argv.slo), criterion);
    const fixed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(argv)) if (!OWN.has(k)) fixed[k] = v;
    if (param in fixed) throw new InputError(`--${param} is the searched parameter; do not also fix it`);
    const durationS = argv.duration === undefined ? parseDuration(model.duration) : parseDuration(String(argv.duration), '--duration');
    const seedBase = parseSeed(argv.seed);
    if (seedBase + replications - 1 > Number.MAX_SAFE_INTEGER) throw new InputError(`--seed ${seedBase} with --replications ${replications} goes past the largest seed ${Number.MAX_SAFE_INTEGER}`);
    const threads = parseJobs(argv.jobs);
    const limits = parseRunLimits(argv);
    // The fixed parameters, and the bounds of the heaviest point (a rate at its largest).
    checkRun(model, { params: { ...fixed, [param]: hi }, durationS, limits }, Object.keys(PLAN_SPEC.options));
    // SLO metrics are named before anything runs, from a one-second run of the first point.
    const known = probeMetricNames(model, { ...fixed, [param]: lo }, seedBase, durationS);
    if (known) {
      for (const slo of slos) {
        for (const name of expressionMetrics(slo.expression)) {
          if (!known.includes(name)) throw new InputError(`--slo "${slo.text}": ${unknownMetricMessage(name, known)} (model ${model.name})`);
        }
      }
    }
    checkFileWritable(join(CACHE_DIR, 'runs.jsonl'), 'the run cache');
    const outDir = OutputDir.open(argv.out ?? join('reports', 'plans', `${model.name}-${param}`));
    try {
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
          durationS,
          seeds: Array.from({ length: replications }, (_, i) => seedBase + i),
          slos,
          criterion,
        },
        new AutoBackend(threads, () => performance.now(), undefined, limits),
        CACHE_DIR,
        (p) => io.err(`sim plan: ${param}=${p.label} ${p.pass ? 'meets' : 'misses'} the SLOs (${p.slos.map((s) => s.actual).join('; ')})\n`),
      );
      outDir.commit(await planOutputFiles(result));
      io.out(`${planAnswerText(result)}\n`);
      const margins = planMarginText(result);
      if (margins.length) io.out(`at the answer:\n${margins.join('\n')}\n`);
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      io.out(`wrote ${outDir.dir}/ (plan.csv, plan.json, charts, report.html): ${result.points.length} points, ${result.runs} runs (${result.runsCached} cached), ${secs} s wall time\n`);
      if (result.outcome.kind !== 'answer') io.exitCode = EXIT_CHECK_FAILED;
    } finally {
      outDir.release();
    }
  },
};
