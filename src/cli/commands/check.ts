import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { AutoBackend } from '../../check/auto-backend.ts';
import { BaselineStore } from '../../check/baseline-store.ts';
import { checkJson } from '../../check/check-json.ts';
import { checkTable } from '../../check/check-table.ts';
import { checkTotals } from '../../check/check-totals.ts';
import { findCheckFiles } from '../../check/find-check-files.ts';
import { junitXml } from '../../check/junit-xml.ts';
import { loadCheckFile } from '../../check/load-check-file.ts';
import { runChecks } from '../../check/run-checks.ts';
import { InputError } from '../../input-error.ts';
import { parseJobs } from '../whole-number.ts';
import { EXIT_CHECK_FAILED } from '../exit-codes.ts';

interface CheckArgs {
  files?: string[];
  'update-baseline'?: boolean;
  baseline?: string;
  junit?: string;
  json?: boolean;
  jobs?: string;
}

const DEFAULT_BASELINE = 'checks/baseline.json';

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check [files..]',
  describe: 'Run check files (default: checks/*.yaml and experiments with checks:): a table of verdicts; exit 1 if any check fails',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'check files (experiment files with a checks: list); default: every one in the repository' })
      .option('update-baseline', { type: 'boolean', describe: `record the current metrics as the baseline (in --baseline) instead of judging them` })
      .option('baseline', { type: 'string', describe: `baseline file (default ${DEFAULT_BASELINE})` })
      .option('junit', { type: 'string', describe: 'also write JUnit XML to this file, for CI dashboards' })
      .option('json', { type: 'boolean', describe: 'print the report as JSON instead of a table' })
      .option('jobs', { type: 'string', describe: 'worker threads for long runs (default: the number of cores)' }) as never,
  handler: async (argv) => {
    const jobs = parseJobs(argv.jobs);
    const files = argv.files && argv.files.length > 0 ? argv.files : findCheckFiles();
    if (files.length === 0) throw new InputError('no check files found (checks/*.yaml, or experiments/*.yaml with a checks: list); give files, e.g. sim check checks/my-model.yaml');
    if (argv.junit !== undefined) checkWritable(argv.junit, '--junit');
    const baselinePath = argv.baseline ?? DEFAULT_BASELINE;
    checkWritable(baselinePath, '--baseline');
    // Everything is read and validated before the first run, so bad input costs no time.
    const checkFiles = [];
    for (const f of files) checkFiles.push(await loadCheckFile(f));
    const store = BaselineStore.read(baselinePath);

    const tty = process.stderr.isTTY === true;
    const outcomes = await runChecks(checkFiles, {
      backend: new AutoBackend(jobs, () => performance.now()),
      baseline: store,
      updateBaseline: argv['update-baseline'] === true,
      pruneBaseline: !(argv.files && argv.files.length > 0),
      updateCommand: `sim check --update-baseline${argv.baseline === undefined ? '' : ` --baseline ${argv.baseline}`}`,
      nowMs: () => performance.now(),
      onFile: (file, runs) => {
        if (tty) process.stderr.write(`\r\x1b[Kchecking ${file} (${runs} run${runs === 1 ? '' : 's'})…`);
      },
    });
    if (tty) process.stderr.write('\r\x1b[K');

    if (argv.junit !== undefined) writeAtomically(argv.junit, junitXml(outcomes));
    process.stdout.write(argv.json ? checkJson(outcomes) : checkTable(outcomes));
    if (checkTotals(outcomes).fail > 0) process.exitCode = EXIT_CHECK_FAILED;
  },
};

function checkWritable(file: string, flag: string): void {
  const abs = resolve(file);
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new InputError(`${flag} ${file} is a directory; give a file path`);
}

/** Writes to a temporary name, then renames: no half-written report is ever left behind. */
function writeAtomically(file: string, text: string): void {
  const abs = resolve(file);
  mkdirSync(dirname(abs), { recursive: true });
  const tmp = `${abs}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, abs);
  } finally {
    rmSync(tmp, { force: true });
  }
}
