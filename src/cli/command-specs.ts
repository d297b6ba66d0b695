import { availableParallelism } from 'node:os';
import type { CommandSpec } from './command-spec.ts';
import { RUN_LIMIT_OPTIONS } from './run-limit-options.ts';

// Every command's arguments in one light module: --help, the strict check of a command line
// and "did you mean" all read them here, without loading the commands themselves.

const MODEL = { name: 'model', describe: 'built-in model name (sim list) or path to a model file', required: true } as const;
/** `sim run` without a model lists the models (and exits 2). */
const RUN_MODEL = { ...MODEL, required: false } as const;

export const RUN_SPEC: CommandSpec = {
  name: 'run',
  describe: 'Run one model: summary on stdout; summary.json, timeseries.csv, charts and report.html in --out',
  positionals: [RUN_MODEL],
  options: {
    seed: { type: 'string', describe: 'master random seed (default 1)' },
    duration: { type: 'string', describe: "simulated time, e.g. 30m, 6h (default: the model's)" },
    out: { type: 'string', describe: 'output directory (default reports/<model>)' },
    quiet: { type: 'boolean', describe: 'print only the output directory' },
    ...RUN_LIMIT_OPTIONS,
  },
  modelParams: true,
};

export const LIST_SPEC: CommandSpec = { name: 'list', describe: 'List the built-in models', positionals: [], options: {} };

export const DESCRIBE_SPEC: CommandSpec = {
  name: 'describe',
  describe: 'Show a model: what it reproduces and every parameter with default, unit and meaning',
  positionals: [{ name: 'model', describe: 'built-in model name or path to a model file', required: true }],
  options: {},
};

export const SWEEP_SPEC: CommandSpec = {
  name: 'sweep',
  describe: 'Run an experiment file: every grid point × seed on worker threads; sweep.csv, summary.csv with 95% CIs, charts, report.html in --out',
  positionals: [{ name: 'experiment', describe: 'experiment file (experiments/*.yaml)', required: true }],
  options: {
    jobs: { type: 'string', describe: `worker threads (default: the number of cores, ${availableParallelism()} here)` },
    out: { type: 'string', describe: 'output directory (default reports/sweeps/<experiment>; shards: reports/sweeps/<experiment>.shard-<i>-of-<n>)' },
    shard: { type: 'string', describe: 'run shard i of n (1-based), e.g. 2/4; auto/n takes i from JOB_COMPLETION_INDEX; join shards with sim merge' },
    ...RUN_LIMIT_OPTIONS,
  },
};

export const MERGE_SPEC: CommandSpec = {
  name: 'merge',
  describe: 'Join the outputs of sim sweep --shard 1/n ... n/n into the files one full sweep writes (byte for byte)',
  positionals: [{ name: 'dirs', describe: 'shard output directories (each holds a shard.json)', variadic: true, required: true }],
  options: { out: { type: 'string', describe: 'output directory (default reports/sweeps/<experiment>)' } },
};

export const CHECK_SPEC: CommandSpec = {
  name: 'check',
  describe: 'Run check files (default: checks/*.yaml and experiments with checks:): a table of verdicts; exit 1 if any check fails',
  positionals: [{ name: 'files', describe: 'check files (experiment files with a checks: list); default: every one in the repository', variadic: true, required: false }],
  options: {
    'update-baseline': { type: 'boolean', describe: 'record the current metrics as the baseline (in --baseline) instead of judging them' },
    baseline: { type: 'string', describe: 'baseline file (default checks/baseline.json)' },
    junit: { type: 'string', describe: 'also write JUnit XML to this file, for CI dashboards' },
    json: { type: 'boolean', describe: 'print the report as JSON instead of a table' },
    jobs: { type: 'string', describe: 'worker threads for long runs (default: the number of cores)' },
    ...RUN_LIMIT_OPTIONS,
  },
};

export const PLAN_SPEC: CommandSpec = {
  name: 'plan',
  describe: 'Capacity planning: the largest load (--vary) or smallest resource (--minimize) that meets every --slo',
  positionals: [MODEL],
  options: {
    vary: { type: 'string', describe: 'find the LARGEST value of this parameter that meets every SLO (load: rate, scale)' },
    minimize: { type: 'string', describe: 'find the SMALLEST value of this parameter that meets every SLO (resource: pool size, workers)' },
    min: { type: 'string', describe: "lower end of the range (default: the parameter's minimum)" },
    max: { type: 'string', describe: "upper end of the range (default: the parameter's maximum)" },
    slo: { type: 'string', array: true, describe: 'a check expression on summary metrics, e.g. "wait_mean_s < 0.05"; repeat for several' },
    criterion: { type: 'string', describe: 'how a bare metric is judged over replications: ci (95% bound, default), all (every run), mean' },
    replications: { type: 'string', describe: 'runs per point, seeds 1..N (default 5)' },
    points: { type: 'string', describe: 'coarse grid points before bisection (default 6)' },
    resolution: { type: 'string', describe: 'stop bisecting when the bracket is this narrow (default: 1 for whole numbers, 1% of the range otherwise)' },
    duration: { type: 'string', describe: "simulated time per run (default: the model's)" },
    out: { type: 'string', describe: 'output directory (default reports/plans/<model>-<param>)' },
    jobs: { type: 'string', describe: 'worker threads (default: the number of cores)' },
    seed: { type: 'string', describe: 'seed of the first replication (default 1; replication r uses seed + r)' },
    ...RUN_LIMIT_OPTIONS,
  },
  modelParams: true,
};

export const FIT_SPEC: CommandSpec = {
  name: 'fit',
  describe: 'Fit distributions to a column of a CSV file (exponential, lognormal, gamma, Weibull, bounded empirical); print paste-ready specs; write fit.json, charts and report.html in --out',
  positionals: [{ name: 'file', describe: 'CSV file with a header row', required: true }],
  options: {
    column: { type: 'string', describe: 'column to fit (default: the only column)' },
    unit: { type: 'string', describe: 'unit of the values: us, ms, s, m, h, d (default s)' },
    'rank-by': { type: 'string', describe: 'aic (default), ad (Anderson–Darling) or ks (Kolmogorov–Smirnov)' },
    'max-bad': { type: 'string', describe: 'largest share of bad rows (empty, not a number, negative) accepted, e.g. 5% or 0.05 (default 5%)' },
    intervals: { type: 'string', describe: 'intervals of the bounded empirical form, quantiles(...) (default 20)' },
    out: { type: 'string', describe: 'output directory (default reports/fit-<file name>)' },
  },
};

/** The first day `sim schedule` looks at by default: a Monday, so a week's window starts on one. */
export const DEFAULT_SCHEDULE_FROM = '2024-01-01';

export const SCHEDULE_SPEC: CommandSpec = {
  name: 'schedule',
  describe: 'Read a crontab, Sidekiq-cron YAML or Kubernetes CronJob manifests and name the seconds where many jobs start together (no simulation)',
  positionals: [{ name: 'file', describe: 'schedule file: a crontab, a Sidekiq-cron schedule (.yml) or CronJob manifests (.yaml)', required: true }],
  options: {
    format: { type: 'string', describe: 'crontab, sidekiq-cron or kubernetes (default: from the file name and content)' },
    'time-zone': { type: 'string', describe: 'IANA zone for entries that name none, and for the times shown (default UTC)' },
    from: { type: 'string', describe: `first day of the window, YYYY-MM-DD, from its midnight (default ${DEFAULT_SCHEDULE_FROM}, a Monday)` },
    days: { type: 'string', describe: 'length of the window in days (default 7)' },
    'min-jobs': { type: 'string', describe: 'smallest number of jobs starting in one second that counts as a herd (default 10)' },
    json: { type: 'boolean', describe: 'print the herds as JSON instead of text' },
  },
};

export const INIT_SPEC: CommandSpec = {
  name: 'init',
  describe: 'Create a project for a model of your own system: a model, an experiment, a check file, a GitHub Actions workflow, a README',
  positionals: [{ name: 'dir', describe: 'a new or empty folder (default: the current folder)', required: false }],
  options: {
    'sim-dependency': { type: 'string', describe: "what the new package.json depends on for sim: a version range, a tarball or a git URL (default ^<this sim's version>)" },
  },
};

/** In the order `sim --help` lists them. */
export const COMMAND_SPECS: readonly CommandSpec[] = [RUN_SPEC, LIST_SPEC, DESCRIBE_SPEC, SWEEP_SPEC, MERGE_SPEC, CHECK_SPEC, PLAN_SPEC, FIT_SPEC, SCHEDULE_SPEC, INIT_SPEC];
