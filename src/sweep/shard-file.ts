import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../input-error.ts';
import type { JobMetrics } from './point-summary.ts';
import { type Shard, shardText } from './shard.ts';
import type { SweepPlan } from './sweep-plan.ts';

const FORMAT = 'sim-sweep-shard';
const VERSION = 1;

/** What one shard of a sweep leaves for `sim merge`: the plan and its runs' metrics. */
export interface ShardFile {
  readonly shard: Shard;
  /** codeHash of the model and sim's sources: shards of different code do not merge. */
  readonly code: string;
  readonly plan: SweepPlan;
  /** Ascending by index. */
  readonly runs: readonly { readonly index: number; readonly metrics: JobMetrics }[];
}

/** shard.json: the plan pretty-printed, then one run per line. */
export function shardFileText(f: ShardFile): string {
  const head = JSON.stringify({ format: FORMAT, version: VERSION, shard: shardText(f.shard), code: f.code, plan: f.plan }, null, 2);
  const runs = f.runs.map((r) => `    ${JSON.stringify({ index: r.index, metrics: r.metrics })}`).join(',\n');
  return `${head.slice(0, -2)},\n  "runs": [\n${runs}\n  ]\n}\n`;
}

/** Reads DIR/shard.json, or explains in one line why DIR is not a shard output. */
export function readShardFile(dir: string): ShardFile {
  const file = join(dir, 'shard.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`'${dir}' is not a directory; give the output directories of sim sweep --shard i/n`);
  if (!existsSync(file)) throw new InputError(`'${dir}' has no shard.json; give the output directories of sim sweep --shard i/n`);
  let raw: { format?: unknown; version?: unknown; shard?: unknown; code?: unknown; plan?: unknown; runs?: unknown };
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as typeof raw;
  } catch (e) {
    throw new InputError(`${file} is not valid JSON (${e instanceof Error ? e.message : String(e)}); rerun that shard`);
  }
  if (raw.format !== FORMAT || raw.version !== VERSION) throw new InputError(`${file} is not a sim sweep shard of version ${VERSION}; rerun that shard with this version of sim`);
  const m = typeof raw.shard === 'string' ? /^(\d+)\/(\d+)$/.exec(raw.shard) : null;
  if (!m || typeof raw.code !== 'string' || typeof raw.plan !== 'object' || raw.plan === null || !Array.isArray(raw.runs)) {
    throw new InputError(`${file} is damaged (missing shard, code, plan or runs); rerun that shard`);
  }
  const plan = raw.plan as SweepPlan;
  // The experiment name becomes a directory name in `sim merge`'s default output path.
  if (typeof plan.experiment !== 'string' || !/^[^/\\]+$/.test(plan.experiment) || plan.experiment === '.' || plan.experiment === '..') {
    throw new InputError(`${file} is damaged (bad experiment name); rerun that shard`);
  }
  return { shard: { index: Number(m[1]), count: Number(m[2]) }, code: raw.code, plan, runs: raw.runs as ShardFile['runs'] };
}
