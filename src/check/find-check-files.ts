import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The check files of a repository, as `sim check` without arguments runs them: every
 * `checks/*.yaml` (or .yml), then every `experiments/*.yaml` that has a top-level `checks:`
 * list; each group sorted by name. Paths are relative to `cwd`, with / separators.
 */
export function findCheckFiles(cwd = process.cwd()): string[] {
  return [...yamlFiles(cwd, 'checks'), ...yamlFiles(cwd, 'experiments').filter((f) => /^checks:/m.test(readFileSync(join(cwd, f), 'utf8')))];
}

function yamlFiles(cwd: string, dir: string): string[] {
  const abs = join(cwd, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) return [];
  return readdirSync(abs)
    .filter((f) => /\.ya?ml$/.test(f) && statSync(join(abs, f)).isFile())
    .sort()
    .map((f) => `${dir}/${f}`);
}
