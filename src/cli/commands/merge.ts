import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { InputError } from '../../input-error.ts';
import { OutputDir } from '../../report/output-dir.ts';
import { mergeShards } from '../../sweep/merge-shards.ts';
import { sweepOutputFiles } from '../../sweep/sweep-output-files.ts';
import { cliIo } from '../cli-io.ts';
import { buildArgs, usageOf } from '../command-spec.ts';
import { MERGE_SPEC } from '../command-specs.ts';
import { defaultSweepOut } from './sweep.ts';

interface MergeArgs {
  dirs: string[];
  out?: string;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: usageOf(MERGE_SPEC),
  describe: MERGE_SPEC.describe,
  builder: (y) => buildArgs(y, MERGE_SPEC) as never,
  handler: async (argv) => {
    const { plan, results } = mergeShards(argv.dirs.map(String));
    const out = argv.out ?? defaultSweepOut(plan.experiment);
    const shardDir = argv.dirs.find((d) => resolve(String(d)) === resolve(out));
    if (shardDir !== undefined) throw new InputError(`--out ${out} is one of the shards being merged; write the merged output elsewhere`);
    const outDir = OutputDir.open(out);
    try {
      outDir.commit(await sweepOutputFiles(plan, results));
    } finally {
      outDir.release();
    }
    cliIo().out(`merged ${argv.dirs.length} shards: wrote ${outDir.dir}/ (sweep.csv, summary.csv, ${plan.charts.length} charts, report.html), ${results.length} runs\n`);
  },
};
