import { basename, extname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import { InputError } from '../../input-error.ts';
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
  command: 'fit <file>',
  describe: 'Fit distributions to a column of a CSV file (exponential, lognormal, gamma, Weibull, bounded empirical); print paste-ready specs; write fit.json, charts and report.html in --out',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'CSV file with a header row' })
      .option('column', { type: 'string', describe: 'column to fit (default: the only column)' })
      .option('unit', { type: 'string', describe: 'unit of the values: us, ms, s, m, h, d (default s)' })
      .option('rank-by', { type: 'string', describe: 'aic (default), ad (Anderson–Darling) or ks (Kolmogorov–Smirnov)' })
      .option('max-bad', { type: 'string', describe: 'largest share of bad rows (empty, not a number, negative) accepted, e.g. 5% or 0.05 (default 5%)' })
      .option('intervals', { type: 'string', describe: 'intervals of the bounded empirical form, quantiles(...) (default 20)' })
      .option('out', { type: 'string', describe: 'output directory (default reports/fit-<file name>)' })
      .strict() as never,
  handler: async (argv) => {
    const [{ readNumericColumn }, { fitSample, RANK_BY }, { fitOutputFiles, fitTable }, { checkOutDir, writeOutDir }] = await Promise.all([
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
    checkOutDir(out);
    const col = readNumericColumn(file, { column: optionText(argv.column, 'column'), unit: optionText(argv.unit, 'unit'), maxBadShare: maxBad });
    const fit = fitSample(col.values, { rankBy: rankBy as never, intervals });
    const command = ['sim fit', file, `--column ${col.column}`, `--unit ${col.unit}`, rankBy !== 'aic' ? `--rank-by ${rankBy}` : '', intervals !== 20 ? `--intervals ${intervals}` : '']
      .filter(Boolean)
      .join(' ');
    writeOutDir(out, await fitOutputFiles(col, fit, command));
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    process.stdout.write(`${fitTable(col, fit)}\nwrote ${out}/ (fit.json, 2 charts, report.html) in ${secs} s wall time\n`);
  },
};
