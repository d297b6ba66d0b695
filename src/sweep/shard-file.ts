import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { withFsErrors } from '../files/fs-error.ts';
import { parseJsonFile } from '../files/json-file.ts';
import { InputError } from '../input-error.ts';
import { type JobMetrics, jobMetricsSchema } from './point-summary.ts';
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

const paramValue = z.union([z.number(), z.string(), z.boolean()], { error: 'expected a number, text or true/false' });

const planSchema = z.strictObject({
  experiment: z.string().regex(/^[^/\\]+$/, 'must be a file name stem').refine((s) => s !== '.' && s !== '..', 'must be a file name stem'),
  description: z.string(),
  model: z.string().min(1),
  durationS: z.number().positive().finite(),
  seeds: z.array(z.number().int().nonnegative()).min(1),
  params: z.record(z.string(), paramValue),
  paramText: z.record(z.string(), z.string()),
  axes: z
    .array(z.strictObject({ name: z.string().min(1), unit: z.string(), values: z.array(paramValue).min(1), labels: z.array(z.string()) }))
    .min(1)
    .refine((axes) => axes.every((a) => a.labels.length === a.values.length), 'every axis needs one label per value'),
  charts: z.array(
    z.strictObject({ name: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/), title: z.string(), metric: z.string(), x: z.string(), color: z.string().optional(), log: z.boolean() }),
  ),
  checks: z.array(z.unknown()),
});

const shardSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  shard: z
    .string()
    .regex(/^\d+\/\d+$/, 'must be i/n')
    .refine((t) => {
      const [i, n] = t.split('/').map(Number) as [number, number];
      return i >= 1 && i <= n;
    }, 'must be i/n with 1 <= i <= n'),
  code: z.string().regex(/^[0-9a-f]{64}$/, 'must be a code hash'),
  plan: planSchema,
  runs: z.array(z.strictObject({ index: z.number().int().nonnegative(), metrics: jobMetricsSchema })),
});

/** Reads DIR/shard.json, or explains in one line why DIR is not a shard output, or what in it is damaged. */
export function readShardFile(dir: string): ShardFile {
  const file = join(dir, 'shard.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`'${dir}' is not a directory; give the output directories of sim sweep --shard i/n`);
  if (!existsSync(file)) throw new InputError(`'${dir}' has no shard.json; give the output directories of sim sweep --shard i/n`);
  const text = withFsErrors(() => readFileSync(file, 'utf8'));
  const head = /"format":\s*"([^"]*)",\s*"version":\s*(\d+)/.exec(text.slice(0, 200));
  if (head && (head[1] !== FORMAT || Number(head[2]) !== VERSION)) throw new InputError(`${file} is not a sim sweep shard of version ${VERSION}; rerun that shard with this version of sim`);
  const raw = parseJsonFile(file, text, shardSchema, 'rerun that shard');
  const m = /^(\d+)\/(\d+)$/.exec(raw.shard)!;
  return { shard: { index: Number(m[1]), count: Number(m[2]) }, code: raw.code, plan: raw.plan, runs: raw.runs };
}
