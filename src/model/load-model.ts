import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { didYouMean } from '../close-names.ts';
import { InputError } from '../input-error.ts';
import { shortText } from '../kernel/duration.ts';
import { isModel, type Model } from './define-model.ts';

const MODELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models');

/** Names of the built-in models (files in models/), sorted. */
export function builtinModelNames(): string[] {
  return readdirSync(MODELS_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** True when the argument names a file rather than a built-in model. */
export function isModelPath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || /\.(m?ts|m?js)$/.test(ref);
}

/** The absolute file a model reference points to (a built-in name or a path). */
export function modelFile(ref: string, cwd = process.cwd()): string {
  if (isModelPath(ref)) return isAbsolute(ref) ? ref : resolve(cwd, ref);
  const file = join(MODELS_DIR, `${ref}.ts`);
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
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const full = e instanceof Error ? e.message : String(e);
    // esbuild's "Transform failed with 1 error:" says what failed on its next line.
    const msg = full.split('\n').find((l) => l.trim() && !/^Transform failed/.test(l))?.replace(/^.*?ERROR: /, '').trim() ?? full.split('\n')[0]!;
    if (/require\(\)? ?(of )?ES Module|require\(esm\)|"cjs" output format/i.test(full)) {
      throw new InputError(`could not load model file '${ref}' as an ES module; outside a package with "type": "module", name it .mts (e.g. my-model.mts)`);
    }
    throw new InputError(`could not load model file '${ref}': ${msg}`);
  }
  const model = mod.default ?? mod.model;
  if (!isModel(model)) {
    throw new InputError(`'${ref}' does not export a model; export default defineModel({ name, summary, params, duration, build })`);
  }
  return model;
}
