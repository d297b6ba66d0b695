import type { CommandModule } from 'yargs';
import { writeOutDir, checkOutDir } from '../../report/output-dir.ts';
import { readKeptRuns } from '../../sweep/kept-series.ts';
import { mergeShards } from '../../sweep/merge-shards.ts';
import { sweepOutputFiles } from '../../sweep/sweep-output-files.ts';
import { defaultSweepOut } from './sweep.ts';

interface MergeArgs {
  dirs: string[];
  out?: string;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs..>',
  describe: 'Join the outputs of sim sweep --shard 1/n ... n/n into the files one full sweep writes (byte for byte)',
  builder: (y) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'shard output directories (each holds a shard.json)' })
      .option('out', { type: 'string', describe: 'output directory (default reports/sweeps/<experiment>)' }) as never,
  handler: async (argv) => {
    const { plan, results } = mergeShards(argv.dirs.map(String));
    const out = argv.out ?? defaultSweepOut(plan.experiment);
    checkOutDir(out);
    const files = await sweepOutputFiles(plan, results);
    // Points kept with --keep-series travel in each shard's output.
    for (const dir of argv.dirs.map(String)) for (const [path, text] of readKeptRuns(dir)) files.set(path, text);
    writeOutDir(out, files);
    process.stdout.write(`merged ${argv.dirs.length} shards: wrote ${out}/ (sweep.csv, summary.csv, ${plan.charts.length} charts, report.html), ${results.length} runs\n`);
  },
};
