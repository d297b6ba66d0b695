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
import { checkFileWritable, writeFileAtomic } from '../../files/write-file-atomic.ts';
import { InputError } from '../../input-error.ts';
import { cliIo } from '../cli-io.ts';
import { buildArgs, usageOf } from '../command-spec.ts';
import { CHECK_SPEC } from '../command-specs.ts';
import { EXIT_CHECK_FAILED } from '../exit-codes.ts';
import { parseRunLimits } from '../run-limit-options.ts';
import { parseJobs } from '../whole-number.ts';

interface CheckArgs {
  files?: string[];
  'update-baseline'?: boolean;
  baseline?: string;
  junit?: string;
  json?: boolean;
  jobs?: string;
  [flag: string]: unknown;
}

const DEFAULT_BASELINE = 'checks/baseline.json';

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: usageOf(CHECK_SPEC),
  describe: CHECK_SPEC.describe,
  builder: (y) => buildArgs(y, CHECK_SPEC) as never,
  handler: async (argv) => {
    const io = cliIo();
    const jobs = parseJobs(argv.jobs);
    const limits = parseRunLimits(argv);
    const files = argv.files && argv.files.length > 0 ? argv.files : findCheckFiles();
    if (files.length === 0) throw new InputError('no check files found (checks/*.yaml, or experiments/*.yaml with a checks: list); give files, e.g. sim check checks/my-model.yaml');
    const baselinePath = argv.baseline ?? DEFAULT_BASELINE;
    // Everything is read and validated before the first run, so bad input costs no time and
    // leaves nothing behind; then the files to write are checked writable.
    const checkFiles = [];
    for (const f of files) checkFiles.push(await loadCheckFile(f, process.cwd(), limits));
    const store = BaselineStore.read(baselinePath);
    if (argv.junit !== undefined) checkFileWritable(argv.junit, '--junit');
    if (argv['update-baseline'] === true) checkFileWritable(baselinePath, '--baseline');

    const tty = io.stderrIsTTY;
    const outcomes = await runChecks(checkFiles, {
      backend: new AutoBackend(jobs, () => performance.now(), undefined, limits),
      baseline: store,
      updateBaseline: argv['update-baseline'] === true,
      pruneBaseline: !(argv.files && argv.files.length > 0),
      updateCommand: `sim check --update-baseline${argv.baseline === undefined ? '' : ` --baseline ${argv.baseline}`}`,
      nowMs: () => performance.now(),
      onFile: (file, runs) => {
        if (tty) io.err(`\r\x1b[Kchecking ${file} (${runs} run${runs === 1 ? '' : 's'})…`);
      },
    });
    if (tty) io.err('\r\x1b[K');

    if (argv.junit !== undefined) writeFileAtomic(argv.junit, junitXml(outcomes), '--junit');
    io.out(argv.json ? checkJson(outcomes) : checkTable(outcomes));
    if (checkTotals(outcomes).fail > 0) io.exitCode = EXIT_CHECK_FAILED;
  },
};
