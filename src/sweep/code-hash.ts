import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataFilesDigest } from '../inputs/csv-file.ts';
import { OWN_EXTENSION } from '../package-layout.ts';

/** sim's public API, which user models import as `sim` (a package name this hash does not follow). */
const SIM_INDEX = join(dirname(fileURLToPath(import.meta.url)), '..', `index${OWN_EXTENSION}`);
const SIM_ROOT = join(dirname(SIM_INDEX), '..');

/** Static imports, re-exports and literal dynamic imports. */
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"]([^'"]+)['"]/g;

/**
 * A hash of the code a run's results depend on: the model file and every local module it
 * imports, transitively, and sim's own src/index.ts with everything it exports.
 * Resume caches and shard files carry it, so results of other code are never mixed in.
 * Packages from node_modules are not covered; they change with package-lock.json.
 * The data files the run's parameters name (traces, backlog CSVs, schedules) are covered by
 * content: call it after the parameters were read, as their validation reads the files.
 */
export function codeHash(modelFile: string): string {
  const h = createHash('sha256');
  const data = dataFilesDigest();
  if (data !== '') h.update(`\0data\0${data}`);
  const root = dirname(modelFile);
  for (const file of localModules([modelFile, SIM_INDEX])) {
    // Named relative to sim's root or to the model's folder, so that the same code checked
    // out in different places (machines of a sharded sweep) hashes the same.
    const ownFile = !relative(SIM_ROOT, file).startsWith('..');
    const name = ownFile ? `sim/${relative(SIM_ROOT, file)}` : relative(root, file);
    h.update(`\0${name.split('\\').join('/')}\0`);
    h.update(readFileSync(file));
  }
  return h.digest('hex');
}

/** The files and the local files they import, depth first, each once, in a stable order. */
function localModules(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (existsSync(target) && statSync(target).isFile()) visit(target);
    }
  };
  for (const e of entries) visit(resolve(e));
  return [...seen];
}

/** The cache key of one run: code, model, every parameter, run length and seed. */
export function jobKey(code: string, model: string, params: Readonly<Record<string, unknown>>, durationS: number, seed: number): string {
  const sorted = Object.keys(params)
    .sort()
    .map((k) => [k, params[k]]);
  return createHash('sha256').update(JSON.stringify([code, model, sorted, durationS, seed])).digest('hex').slice(0, 32);
}
