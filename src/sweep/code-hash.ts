import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/** Static imports, re-exports and literal dynamic imports. */
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"]([^'"]+)['"]/g;

/**
 * A hash of the code a run's results depend on: the model file and every local module it
 * imports, transitively (for built-in models that is src/index.ts and all it exports).
 * Resume caches and shard files carry it, so results of other code are never mixed in.
 * Packages from node_modules are not covered; they change with package-lock.json.
 */
export function codeHash(modelFile: string): string {
  const h = createHash('sha256');
  const root = dirname(modelFile);
  for (const file of localModules(modelFile)) {
    h.update(`\0${relative(root, file).split('\\').join('/')}\0`);
    h.update(readFileSync(file));
  }
  return h.digest('hex');
}

/** The file and the local files it imports, depth first, each once, in a stable order. */
function localModules(entry: string): string[] {
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
  visit(entry);
  return [...seen];
}

/** The cache key of one run: code, model, every parameter, run length and seed. */
export function jobKey(code: string, model: string, params: Readonly<Record<string, unknown>>, durationS: number, seed: number): string {
  const sorted = Object.keys(params)
    .sort()
    .map((k) => [k, params[k]]);
  return createHash('sha256').update(JSON.stringify([code, model, sorted, durationS, seed])).digest('hex').slice(0, 32);
}
