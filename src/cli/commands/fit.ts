import { basename, extname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import { InputError } from '../../input-error.ts';
import { cliIo } from '../cli-io.ts';
import { buildArgs, usageOf } from '../command-spec.ts';
import { FIT_SPEC } from '../command-specs.ts';
import { wholeNumber } from '../whole-number.ts';
import { optionText, shareText } from '../input-flags.ts';

interface FitArgs {
  file: string;
  column?: string;
  unit?: string;
  'rank-by'?: string;
  'max-bad'?: string;
  intervals?: string;
  out?: string;
}

export const fitCommand: CommandModule<object, FitArgs> = {
  command: usageOf(FIT_SPEC),
  describe: FIT_SPEC.describe,
  builder: (y) => buildArgs(y, FIT_SPEC) as never,
  handler: async (argv) => {
    const [{ readNumericColumn }, { fitSample, RANK_BY }, { fitOutputFiles, fitTable }, { OutputDir }] = await Promise.all([
      import('../../inputs/numeric-column.ts'),
      import('../../inputs/fit/fit-sample.ts'),
      import('../../inputs/fit/fit-report.ts'),
      import('../../report/output-dir.ts'),
    ]);
    const t0 = performance.now();
    const rankBy = optionText(argv['rank-by'], 'rank-by') ?? 'aic';
    if (!(RANK_BY as readonly string[]).includes(rankBy)) throw new InputError(`--rank-by: '${rankBy}' is not allowed; use one of ${RANK_BY.join(', ')}`);
    const maxBad = shareText(argv['max-bad'], 'max-bad', 0.05);
    const intervals = wholeNumber(optionText(argv.intervals, 'intervals'), 'intervals', 20, 1);
    const file = optionText(argv.file, 'file')!;
    const out = optionText(argv.out, 'out') ?? join('reports', `fit-${basename(file, extname(file)) || 'data'}`);
    const col = readNumericColumn(file, { column: optionText(argv.column, 'column'), unit: optionText(argv.unit, 'unit'), maxBadShare: maxBad });
    const outDir = OutputDir.open(out);
    let table: string;
    try {
      const fit = fitSample(col.values, { rankBy: rankBy as never, intervals });
      const command = ['sim fit', file, `--column ${col.column}`, `--unit ${col.unit}`, rankBy !== 'aic' ? `--rank-by ${rankBy}` : '', intervals !== 20 ? `--intervals ${intervals}` : '']
        .filter(Boolean)
        .join(' ');
      outDir.commit(await fitOutputFiles(col, fit, command));
      table = fitTable(col, fit);
    } finally {
      outDir.release();
    }
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    cliIo().out(`${table}\nwrote ${out}/ (fit.json, 2 charts, report.html) in ${secs} s wall time\n`);
  },
};
