import { basename, join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { compareOutputFiles } from '../../compare/compare-output.ts';
import { compareRuns } from '../../compare/comparison.ts';
import { readRunArg } from '../../compare/read-run-dir.ts';
import { InputError } from '../../input-error.ts';
import { formatNumber } from '../../report/html.ts';
import { OutputDir } from '../../report/output-dir.ts';
import { cliIo } from '../cli-io.ts';
import { buildArgs, usageOf } from '../command-spec.ts';
import { COMPARE_SPEC } from '../command-specs.ts';

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
  command: usageOf(COMPARE_SPEC),
  describe: COMPARE_SPEC.describe,
  builder: (y) => buildArgs(y, COMPARE_SPEC) as never,
  handler: async (argv) => {
    const io = cliIo();
    const dirs = argv.runs.map(String);
    const runs = dirs.flatMap((d) => readRunArg(d));
    const comparison = compareRuns(runs, argv['allow-different-models'] === true);
    const out = argv.out ?? defaultOut(dirs);
    // Replacing a run being compared would lose it (it is a sim output, so the swap would allow it).
    const input = dirs.find((d) => resolve(out) === resolve(d) || resolve(d).startsWith(`${resolve(out)}/`));
    if (input !== undefined) throw new InputError(`--out ${out} would replace ${input}, one of the runs being compared; write the comparison elsewhere`);
    const outDir = OutputDir.open(out);
    let files: Map<string, string>;
    try {
      files = await compareOutputFiles(comparison);
      outDir.commit(files);
    } finally {
      outDir.release();
    }
    if (argv.json) {
      io.out(`${JSON.stringify({ ...(JSON.parse(files.get('compare.json')!) as object), out: outDir.dir }, null, 2)}\n`);
      return;
    }
    io.out(compareTable(comparison));
    io.out(`wrote ${outDir.dir}/ (compare.json, compare.csv, charts, report.html)\n`);
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
  const equal = c.metrics.length - changed.length;
  return [
    `compare: ${c.runs.map((r) => r.label).join(' vs ')}${differ.length ? `  (differ: ${differ.join(', ')})` : ''}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `  (${equal} of ${c.metrics.length} metrics ${equal === 1 ? 'is' : 'are'} equal in every run)`,
    '',
    '',
  ].join('\n');
}

function fmt(v: number | null): string {
  return v === null ? '–' : formatNumber(v);
}
