import { InputError } from '../input-error.ts';
import type { JobMetrics } from './point-summary.ts';
import { inShard, shardText } from './shard.ts';
import { readShardFile } from './shard-file.ts';
import { jobCount, type SweepPlan } from './sweep-plan.ts';

/**
 * Joins the outputs of `sim sweep --shard 1/n` ... `n/n` into the plan and the full list of
 * per-run results, from which sweepOutputFiles writes the same bytes as one full run.
 * Refuses shards of different experiments, of different code, missing or repeated shards.
 */
export function mergeShards(dirs: readonly string[]): { plan: SweepPlan; results: JobMetrics[] } {
  if (dirs.length === 0) throw new InputError('give the shard output directories to merge, e.g. sim merge reports/sweeps/exp.shard-*');
  const shards = dirs.map((d) => ({ dir: d, ...readShardFile(d) }));
  const first = shards[0]!;
  const planText = JSON.stringify(first.plan);
  const count = first.shard.count;
  const byIndex = new Map<number, string>();
  for (const s of shards) {
    if (JSON.stringify(s.plan) !== planText) throw new InputError(`'${s.dir}' is a shard of a different experiment or grid than '${first.dir}'; merge shards of one sweep`);
    if (s.code !== first.code) throw new InputError(`'${s.dir}' was run by different code (model file or sim version) than '${first.dir}'; rerun all shards from one commit`);
    if (s.shard.count !== count) throw new InputError(`'${s.dir}' is shard ${shardText(s.shard)} but '${first.dir}' is one of ${count}; use one shard count`);
    const twin = byIndex.get(s.shard.index);
    if (twin !== undefined) throw new InputError(`shard ${shardText(s.shard)} is given twice ('${twin}' and '${s.dir}')`);
    byIndex.set(s.shard.index, s.dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) throw new InputError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing; give all ${count} shard directories`);

  const total = jobCount(first.plan);
  const results = new Array<JobMetrics | undefined>(total);
  for (const s of shards) {
    for (const r of s.runs) {
      if (!(Number.isInteger(r.index) && r.index >= 0 && r.index < total && inShard(s.shard, r.index))) {
        throw new InputError(`'${s.dir}/shard.json' holds run ${r.index}, which is not in shard ${shardText(s.shard)}; rerun that shard`);
      }
      results[r.index] = r.metrics;
    }
  }
  const absent = results.findIndex((r) => r === undefined);
  if (absent >= 0) throw new InputError(`run ${absent} is in no shard (shard ${(absent % count) + 1}/${count} is incomplete); rerun that shard`);
  return { plan: first.plan, results: results as JobMetrics[] };
}
