import { z } from 'zod';
import type { ExperimentSource } from './experiment-source.ts';

const chartSchema = z.strictObject({
  metric: z.string().min(1, 'must name a metric'),
  x: z.string().optional(),
  color: z.string().optional(),
  log: z.boolean().optional(),
  title: z.string().optional(),
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'must be a file name stem: lower case letters, digits, -, _ and .').optional(),
});

/**
 * The shape of an experiment file. Parameter values stay `unknown` here: what they may be
 * depends on the model, and they are checked against its parameters afterwards.
 */
export const experimentSchema = z.strictObject({
  /** A built-in model name, or a path relative to the experiment file. */
  model: z.string().min(1, 'must name a built-in model or a model file'),
  description: z.string().optional(),
  /** Simulated time per run (`6h`); the model's default when absent. */
  duration: z.unknown().optional(),
  /** Seeds 1..N. @default 1 */
  replications: z.number().int().min(1, 'must be at least 1').max(100_000, 'must be at most 100000').optional(),
  seeds: z
    .array(z.number().min(0, 'must be whole numbers >= 0').max(Number.MAX_SAFE_INTEGER, `must be at most ${Number.MAX_SAFE_INTEGER}`).int('must be whole numbers >= 0'))
    .min(1, 'must list at least one seed')
    .optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  grid: z.record(z.string(), z.unknown()),
  charts: z.array(chartSchema).optional(),
  /** Defined by `sim check`; carried through untouched. */
  checks: z.array(z.unknown()).optional(),
});

export type ExperimentFile = z.infer<typeof experimentSchema>;
export type ExperimentChart = z.infer<typeof chartSchema>;

const FIELDS: Record<string, readonly string[]> = {
  '': Object.keys(experimentSchema.shape),
  chart: Object.keys(chartSchema.shape),
};

const TYPE_NAMES: Record<string, string> = {
  record: 'a mapping (name: value lines)',
  object: 'a mapping (name: value lines)',
  array: 'a list',
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
};

/** Parses the file's data, or throws the first problem as a one-line InputError. */
export function parseExperimentFile(src: ExperimentSource): ExperimentFile {
  const r = experimentSchema.safeParse(src.data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const allowed = FIELDS[path[0] === 'charts' ? 'chart' : '']!;
    const key = issue.keys[0]!;
    return fail(src, [...path, key], `unknown field; the fields are: ${allowed.join(', ')}`);
  }
  if (issue.code === 'invalid_type') {
    const value = valueAt(src.data, path);
    const expected = WHOLE_NUMBER_FIELDS.has(String(path[0])) ? TYPE_NAMES.int! : (TYPE_NAMES[issue.expected] ?? issue.expected);
    if (path.length === 0) return fail(src, path, `an experiment file must be a mapping with at least model and grid, got ${value == null ? 'an empty file' : describe(value)}`);
    if (value === undefined) return fail(src, path, `missing; expected ${expected}`);
    return fail(src, path, `expected ${expected}, got ${describe(value)}`);
  }
  return fail(src, path, issue.message);
}

const WHOLE_NUMBER_FIELDS = new Set(['replications', 'seeds']);

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v = data;
  for (const step of path) v = typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[step] : undefined;
  return v;
}

/** A value as the file shows it, for messages. */
function describe(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v === 'string' ? `'${v}'` : String(v);
}

function fail(src: ExperimentSource, path: readonly (string | number)[], message: string): never {
  throw src.error(path, message);
}
