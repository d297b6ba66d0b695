import { basename, join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { compareOutputFiles } from '../../compare/compare-output.ts';
import { compareRuns } from '../../compare/comparison.ts';
import { readRunArg } from '../../compare/read-run-dir.ts';
import { checkOutDir, writeOutDir } from '../../report/output-dir.ts';
import { formatNumber } from '../../report/html.ts';

interface CompareArgs {
  runs: string[];
  out?: string;
  json?: boolean;
  'allow-different-models'?: boolean;
}

/** Default output directory: reports/compare/<first>-vs-<second>[-and-more]. */
function defaultOut(dirs: readonly string[]): string {
  const stem = (d: string) => basename(resolve(d)).replace(/[^A-Za-z0-9_.=-]+/g, '_');
  return join('reports', 'compare', `${stem(dirs[0]!)}-vs-${stem(dirs[1] ?? 'none')}${dirs.length > 2 ? `-and-${dirs.length - 2}-more` : ''}`);
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <runs..>',
  describe: 'Put two or more runs side by side: every metric with deltas and ratios, their time series overlaid, the parameters that differ; compare.json, compare.csv, charts, report.html in --out',
  builder: (y) =>
    y
      .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'output directories of sim run, kept sweep points (<sweep>/points/<n>), or a sweep run with --keep-series (all its points); the first is the baseline' })
      .option('out', { type: 'string', describe: 'output directory (default reports/compare/<first>-vs-<second>)' })
      .option('json', { type: 'boolean', describe: 'print compare.json (runs, differing parameters, every metric with deltas and ratios) on stdout' })
      .option('allow-different-models', { type: 'boolean', describe: 'compare runs of different models (default: refuse, their metrics rarely mean the same)' }) as never,
  handler: async (argv) => {
    const dirs = argv.runs.map(String);
    const runs = dirs.flatMap((d) => readRunArg(d));
    const comparison = compareRuns(runs, argv['allow-different-models'] === true);
    const out = argv.out ?? defaultOut(dirs);
    checkOutDir(out);
    const files = await compareOutputFiles(comparison);
    writeOutDir(out, files);
    if (argv.json) {
      process.stdout.write(`${JSON.stringify({ ...(JSON.parse(files.get('compare.json')!) as object), out }, null, 2)}\n`);
      return;
    }
    process.stdout.write(compareTable(comparison));
    process.stdout.write(`wrote ${out}/ (compare.json, compare.csv, charts, report.html)\n`);
  },
};

/** The metrics that differ, as the terminal shows them: value per run, ratio to the first. */
function compareTable(c: ReturnType<typeof compareRuns>): string {
  const changed = c.metrics.filter((m) => m.deltas.some((d) => d !== null && d !== 0));
  const head = ['metric', ...c.runs.flatMap((r, i) => (i === 0 ? [r.label] : [r.label, 'ratio']))];
  const rows = changed.map((m) => [m.name, ...m.values.flatMap((v, i) => (i === 0 ? [fmt(v)] : [fmt(v), m.ratios[i] === null ? '–' : `×${formatNumber(m.ratios[i]!)}`]))]);
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: readonly string[]) => `  ${cells.map((c2, k) => (k === 0 ? c2.padEnd(widths[k]!) : c2.padStart(widths[k]!))).join('  ')}`;
  const differ = c.params.filter((p) => p.differs).map((p) => p.name);
  return [
    `compare: ${c.runs.map((r) => r.label).join(' vs ')}${differ.length ? `  (differ: ${differ.join(', ')})` : ''}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `  (${c.metrics.length - changed.length} of ${c.metrics.length} metrics are equal in every run)`,
    '',
    '',
  ].join('\n');
}

function fmt(v: number | null): string {
  return v === null ? '–' : formatNumber(v);
}
