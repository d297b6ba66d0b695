import type { z } from 'zod';
import { InputError } from '../input-error.ts';

/** `files["checks/mm-c.yaml"].points[0]`: a field of a JSON document as a person reads it. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (typeof step === 'string' && /^[A-Za-z_$][\w$-]*$/.test(step)) out += out ? `.${step}` : step;
    else out += `[${JSON.stringify(String(step))}]`;
  }
  return out;
}

/** A value as a message quotes it: short, with its type visible. */
export function quoteValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  const s = typeof v === 'string' ? `'${v}'` : String(v);
  return s.length > 40 ? `${s.slice(0, 36)}…` : s;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const step of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[step] : undefined;
  return v;
}

/**
 * Parses a JSON file sim wrote earlier and reads back (a shard, a baseline, a cache line)
 * against its schema: corrupt content is an InputError naming the file, the field and what
 * was expected, ending with `fix` (how to get a good file again); it is never used silently.
 */
export function parseJsonFile<T>(file: string, text: string, schema: z.ZodType<T>, fix: string): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); ${fix}`);
  }
  return checkJson(file, data, schema, fix);
}

/** Checks parsed data against a schema; see parseJsonFile. */
export function checkJson<T>(file: string, data: unknown, schema: z.ZodType<T>, fix: string): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = path.length ? `${jsonPath(path)}: ` : '';
  let what: string;
  if (issue.code === 'invalid_type') what = `expected ${issue.expected}, got ${quoteValue(valueAt(data, path))}`;
  else if (issue.code === 'unrecognized_keys') what = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  else if (issue.code === 'invalid_union' || issue.code === 'invalid_value') what = `${issue.message.replace(/^Invalid input$/, 'not allowed here')}, got ${quoteValue(valueAt(data, path))}`;
  else what = `${issue.message} (got ${quoteValue(valueAt(data, path))})`;
  throw new InputError(`${file}: ${where}${what}; ${fix}`);
}
