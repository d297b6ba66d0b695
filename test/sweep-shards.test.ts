import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../src/input-error.ts';
import { writeOutDir } from '../src/report/output-dir.ts';
import { mergeShards } from '../src/sweep/merge-shards.ts';
import { runSweep } from '../src/sweep/run-sweep.ts';
import { inShard, parseShard } from '../src/sweep/shard.ts';
import { sweepOutputFiles } from '../src/sweep/sweep-output-files.ts';
import { readTree, tempDir } from './helpers/cli.ts';
import { experimentIn, SMALL_SWEEP } from './sweep-fixtures.ts';

async function merge(dirs: string[], out: string): Promise<void> {
  const { plan, results } = mergeShards(dirs);
  writeOutDir(out, await sweepOutputFiles(plan, results));
}

describe('sharded sweeps', () => {
  test('shards 1/3, 2/3 and 3/3 merged give the bytes of one full run, in any order', { retry: 2 }, async () => {
    const dir = tempDir('sim-sweep-');
    const exp = await experimentIn(dir, SMALL_SWEEP);
    await runSweep(exp, { out: join(dir, 'full'), threads: 2 });
    const shards = [1, 2, 3].map((i) => join(dir, `shard-${i}`));
    for (const [i, out] of shards.entries()) {
      const r = await runSweep(exp, { out, threads: 1, shard: { index: i + 1, count: 3 } });
      expect(r.runs).toBe([3, 3, 2][i]);
    }
    expect(Object.keys(readTree(shards[0]!))).toEqual(['shard.json']);
    await merge([shards[2]!, shards[0]!, shards[1]!], join(dir, 'merged'));
    expect(readTree(join(dir, 'merged'))).toEqual(readTree(join(dir, 'full')));

    // Refusals, each one line.
    expect(() => mergeShards([shards[0]!, shards[1]!])).toThrow('shard 3/3 missing; give all 3 shard directories');
    expect(() => mergeShards([shards[0]!, shards[0]!, shards[1]!])).toThrow(`shard 1/3 is given twice ('${shards[0]}' and '${shards[0]}')`);
    expect(() => mergeShards([join(dir, 'full')])).toThrow(`'${join(dir, 'full')}' has no shard.json; give the output directories of sim sweep --shard i/n`);
    const other = join(dir, 'other');
    cpSync(shards[1]!, other, { recursive: true });
    const text = readTree(other)['shard.json']!.replace('"durationS": 120', '"durationS": 121');
    writeFileSync(join(other, 'shard.json'), text);
    expect(() => mergeShards([shards[0]!, other, shards[2]!])).toThrow(InputError);
    expect(() => mergeShards([shards[0]!, other, shards[2]!])).toThrow(/is a shard of a different experiment or grid/);
  });

  test('--shard i/n takes every n-th run, and auto/n reads JOB_COMPLETION_INDEX', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('auto/4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 4, count: 4 });
    expect(() => parseShard('auto/4', {})).toThrow('--shard auto/4 needs JOB_COMPLETION_INDEX (set by a Kubernetes Indexed Job); elsewhere give the shard number, e.g. --shard 1/4');
    expect(() => parseShard('auto/4', { JOB_COMPLETION_INDEX: '4' })).toThrow('--shard 5/4: the shard number must be between 1 and 4');
    expect(() => parseShard('0/3')).toThrow('--shard 0/3: the shard number must be between 1 and 3');
    expect(() => parseShard('two/3')).toThrow(/^--shard: 'two\/3' is not i\/n/);
    const owners = Array.from({ length: 7 }, (_, j) => [1, 2, 3].filter((i) => inShard({ index: i, count: 3 }, j)));
    expect(owners).toEqual([[1], [2], [3], [1], [2], [3], [1]]);
  });
});
