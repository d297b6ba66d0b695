import { InputError } from '../input-error.ts';

/** `prefix:PATH,key=value,...` read into its parts. */
export interface FileSpec {
  readonly path: string;
  readonly options: ReadonlyMap<string, string>;
}

/**
 * Reads a data-file spec such as `trace:requests.csv,column=ts,type=queue`: a path, then
 * options as comma-separated key=value pairs from `allowed` (each at most once). `what`
 * names the flag or field in errors.
 */
export function parseFileSpec(text: string, prefix: string, allowed: Readonly<Record<string, string>>, what: string): FileSpec {
  const body = text.slice(prefix.length + 1).trim();
  const [path = '', ...rest] = body.split(',').map((p) => p.trim());
  const usage = `${prefix}:PATH${Object.keys(allowed).map((k) => `[,${k}=${allowed[k]}]`).join('')}`;
  if (path === '') throw new InputError(`${what}: '${text}' names no file; use ${usage}`);
  const options = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!(key in allowed)) throw new InputError(`${what}: unknown option '${key}' in '${text}'; use ${usage}`);
    if (value === '') throw new InputError(`${what}: option '${key}' needs a value (${key}=${allowed[key]}) in '${text}'`);
    if (options.has(key)) throw new InputError(`${what}: option '${key}' is given twice in '${text}'`);
    options.set(key, value);
  }
  return { path, options };
}

/** The spec written back with its options in `allowed`'s order, so equal specs read alike. */
export function formatFileSpec(prefix: string, spec: FileSpec, allowed: Readonly<Record<string, string>>): string {
  const opts = Object.keys(allowed)
    .filter((k) => spec.options.has(k))
    .map((k) => `,${k}=${spec.options.get(k)}`);
  return `${prefix}:${spec.path}${opts.join('')}`;
}
