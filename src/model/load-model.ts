import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { didYouMean } from '../close-names.ts';
import { InputError } from '../input-error.ts';
import { shortText } from '../kernel/duration.ts';
import { COMPILED, MODELS_DIR, OWN_EXTENSION } from '../package-layout.ts';
import { isModel, type Model } from './define-model.ts';

/** Names of the built-in models (files in models/, or dist/models/ compiled), sorted. */
export function builtinModelNames(): string[] {
  return readdirSync(MODELS_DIR)
    .filter((f) => f.endsWith(OWN_EXTENSION) && !/\.(d|test)\.ts$/.test(f))
    .map((f) => f.slice(0, -OWN_EXTENSION.length))
    .sort();
}

/**
 * The built-in models' names and summaries from dist/models/index.json, which the build writes
 * from the compiled models; null when running from sources (where models/ may have changed
 * since) or when the index is missing.
 */
export function builtinModelIndex(): { name: string; summary: string }[] | null {
  if (!COMPILED) return null;
  try {
    return JSON.parse(readFileSync(join(MODELS_DIR, 'index.json'), 'utf8')) as { name: string; summary: string }[];
  } catch {
    return null;
  }
}

/** True when the argument names a file rather than a built-in model. */
export function isModelPath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || /\.(m?ts|m?js)$/.test(ref);
}

/** The absolute file a model reference points to (a built-in name or a path). */
export function modelFile(ref: string, cwd = process.cwd()): string {
  if (isModelPath(ref)) return isAbsolute(ref) ? ref : resolve(cwd, ref);
  const file = join(MODELS_DIR, `${ref}${OWN_EXTENSION}`);
  if (!/^[a-z0-9-]+$/.test(ref) || !existsSync(file)) {
    const names = builtinModelNames();
    throw new InputError(`unknown model '${shortText(ref)}'${didYouMean(ref, names)}; built-in models: ${names.join(', ')} (or give a path to a model file, e.g. ./my-model.ts)`);
  }
  return file;
}

/** Loads a built-in model by name or a user's model file by path; InputError if neither. */
export async function loadModel(ref: string, cwd = process.cwd()): Promise<Model> {
  const file = modelFile(ref, cwd);
  if (!existsSync(file)) throw new InputError(`model file '${shortText(ref)}' does not exist`);
  if (!statSync(file).isFile()) throw new InputError(`model file '${shortText(ref)}' is not a file; give a .ts or .js model file`);
  let mod: Record<string, unknown>;
  try {
    mod = await importModelFile(file);
  } catch (e) {
    const full = e instanceof Error ? e.message : String(e);
    // esbuild's "Transform failed with 1 error:" says what failed on its next line.
    const msg = full.split('\n').find((l) => l.trim() && !/^Transform failed/.test(l))?.replace(/^.*?ERROR: /, '').trim() ?? full.split('\n')[0]!;
    if (/Cannot find (package|module) 'sim'/.test(msg)) {
      throw new InputError(`model file '${ref}' imports 'sim', which is not installed where it is; run npm install sim in its project (sim init creates one)`);
    }
    throw new InputError(`could not load model file '${ref}': ${msg}`);
  }
  // A .ts file outside an ES-module package is CommonJS: its exports arrive as `default`.
  const cjs = typeof mod.default === 'object' && mod.default !== null ? (mod.default as Record<string, unknown>) : {};
  const model = [mod.default, mod.model, cjs.default, cjs.model].find(isModel);
  if (!model) {
    throw new InputError(`'${ref}' does not export a model; export default defineModel({ name, summary, params, duration, build })`);
  }
  return model;
}

/**
 * Imports a model file. Compiled sim loads tsx only here, for a TypeScript file, through its
 * namespaced `tsImport` (nothing else in the process goes through tsx). tsImport follows the
 * file's own package type: in a folder without `"type": "module"` a `.ts` file is compiled as
 * CommonJS and its `import … from 'sim'` becomes `require('sim')`, which Node (≥ 20.19) serves
 * from the same ES module instances the CLI uses. From sources (tsx or vitest already loaded)
 * a plain import does.
 */
async function importModelFile(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (COMPILED && /\.[cm]?ts$/.test(file)) {
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}
