import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../input-error.ts';
import type { Series } from '../metrics/series.ts';
import type { RunDocument } from '../report/run-document.ts';

/** A run read back from its output directory: run.json and its time series. */
export interface RunOnDisk {
  /** The directory as the user named it. */
  readonly dir: string;
  readonly doc: RunDocument;
  readonly series: readonly Series[];
}

const num = z.number();
const paramValue = z.union([z.number(), z.string(), z.boolean()]);
const RUN_SCHEMA = z.object({
  sim: z.literal('run'),
  version: z.literal(1),
  model: z.string(),
  seed: num,
  start: z.string(),
  params: z.record(z.string(), paramValue),
  param_text: z.record(z.string(), z.string()),
  duration_s: num,
  end_s: num,
  bucket_s: num.positive(),
  events: num,
  metrics: z.record(z.string(), num.nullable()),
  findings: z.array(
    z.object({
      severity: z.string(),
      rule: z.string(),
      title: z.string(),
      evidence: z.string(),
      recommendation: z.string(),
      window: z.object({ from_s: num, to_s: num }).nullable(),
    }),
  ),
  zoom: z.array(z.object({ from_s: num, to_s: num, bucket_s: num, reason: z.string() })),
  charts: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      y_title: z.string(),
      log_scale: z.boolean(),
      scale: num,
      lines: z.array(z.object({ metric: z.string(), stat: z.string(), label: z.string(), per_s: z.boolean() })),
      rules: z.array(z.object({ y: num, label: z.string() })),
      every: z.object({ s: num.positive(), label: z.string() }).nullable(),
      marks: z.array(z.object({ t: num, label: z.string() })),
    }),
  ),
  reproduce: z.string(),
});

/**
 * The runs named by a `sim compare` argument: a `sim run` output directory, a kept point
 * of a sweep (`<sweep>/points/<n>`, the same files), or a sweep output directory, which
 * stands for every point it kept. Anything else is an InputError naming the directory.
 */
export function readRunArg(dir: string): RunOnDisk[] {
  if (!existsSync(dir)) throw new InputError(`'${dir}' does not exist; give the output directory of a sim run (or of a sweep run with --keep-series)`);
  if (!statSync(dir).isDirectory()) throw new InputError(`'${dir}' is a file; give the output directory of a sim run, not a file in it`);
  if (existsSync(join(dir, 'run.json'))) return [readRunDir(dir)];
  if (existsSync(join(dir, 'sweep.csv'))) {
    const points = join(dir, 'points');
    if (!existsSync(points)) throw new InputError(`'${dir}' is a sweep output without time series; run the sweep again with --keep-series to compare its points`);
    return readdirSync(points)
      .sort()
      .map((p) => readRunDir(join(dir, 'points', p)));
  }
  if (existsSync(join(dir, 'summary.json'))) throw new InputError(`'${dir}' has a summary.json but no run.json: it was written by an older sim; run it again to compare it`);
  throw new InputError(`'${dir}' is not a sim output (no run.json); give directories written by sim run, or by sim sweep --keep-series`);
}

export function readRunDir(dir: string): RunOnDisk {
  const file = join(dir, 'run.json');
  // Both files from one version: a run written again meanwhile swaps the link, not the files.
  const at = realpathSync(dir);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(at, 'run.json'), 'utf8'));
  } catch (e) {
    throw new InputError(`${file} is not valid JSON (${e instanceof Error ? e.message : String(e)}); run the model again to rewrite it`);
  }
  const parsed = RUN_SCHEMA.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${file}: ${issue.path.join('.') || 'the document'}: ${issue.message}; it is not a run.json this sim wrote`);
  }
  const doc = parsed.data as RunDocument;
  if (!existsSync(join(at, 'timeseries.csv'))) throw new InputError(`'${dir}' has run.json but no timeseries.csv; run the model again to rewrite its outputs`);
  return { dir, doc, series: readTimeseries(join(at, 'timeseries.csv'), doc.bucket_s, doc.end_s, join(dir, 'timeseries.csv')) };
}

/** timeseries.csv (`time_s,metric,stat,value`) at `path` back into per-bucket series; buckets with no row are empty (NaN). Messages name it `file`. */
export function readTimeseries(path: string, bucketS: number, endS: number, file = path): Series[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[0] !== 'time_s,metric,stat,value') throw new InputError(`${file}: the header is not time_s,metric,stat,value; it is not a timeseries.csv this sim wrote`);
  const buckets = Math.max(1, Math.ceil(endS / bucketS - 1e-9));
  const byKey = new Map<string, { metric: string; stat: string; values: number[] }>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const [t, metric, stat, v] = line.split(',');
    const bucket = Math.round(Number(t) / bucketS);
    const value = Number(v);
    if (metric === undefined || stat === undefined || !Number.isInteger(bucket) || bucket < 0 || bucket >= buckets || !Number.isFinite(value)) {
      throw new InputError(`${file}:${i + 1}: '${line}' is not a row of time_s,metric,stat,value within the run`);
    }
    const key = `${metric}\u0000${stat}`;
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { metric, stat, values: new Array<number>(buckets).fill(NaN) }));
    s.values[bucket] = value;
  }
  return [...byKey.values()];
}
