import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../input-error.ts';
import { PACKAGE_ROOT } from '../package-layout.ts';

/** sim's own code, installed or not: its sources, its built-in models, its compiled output. */
const SIM_DIRS = ['src', 'models', 'dist'].map((d) => join(PACKAGE_ROOT, d) + sep);

interface Frame {
  readonly file: string;
  readonly line: number;
  readonly own: boolean;
}

/**
 * Tells a failure of a user's model from a bug in sim, by where the error came from: an
 * error thrown in the user's own code (on top of the stack, a frame outside sim's package
 * and other packages), or a RangeError that sim's API threw at arguments the
 * user's code passed (sim signals bad arguments with RangeError), is the model's; it
 * becomes a one-line InputError naming the file, the line and the message. Anything else
 * is returned as null: a bug in sim (or in a built-in model), which stays exit code 3.
 */
export function modelFailure(e: unknown, modelName: string, cwd = process.cwd()): InputError | null {
  if (e instanceof InputError) return e;
  if (!(e instanceof Error)) return new InputError(`model ${modelName} threw ${typeof e === 'string' ? `'${e}'` : String(e)} (throw an Error to get its file and line)`);
  const frames = stackFrames(e.stack ?? '');
  const top = frames[0];
  const culprit = top && !top.own ? top : e instanceof RangeError ? frames.find((f) => !f.own) : undefined;
  if (!culprit) return null;
  const file = isAbsolute(culprit.file) && !relative(cwd, culprit.file).startsWith('..') ? relative(cwd, culprit.file) : culprit.file;
  const message = e.message.split('\n')[0]!.trim() || e.name;
  const kind = e.name && e.name !== 'Error' && !message.startsWith(e.name) ? `${e.name}: ` : '';
  return new InputError(`model ${modelName} failed at ${file}:${culprit.line}: ${kind}${message}`);
}

/** The frames of a V8 stack that point into files, skipping Node's internals and node_modules. */
function stackFrames(stack: string): Frame[] {
  const out: Frame[] = [];
  for (const raw of stack.split('\n')) {
    const m = /^\s+at (?:.*? \()?((?:file:\/\/)?[^()]+?):(\d+):\d+\)?$/.exec(raw);
    if (!m) continue;
    let file = m[1]!;
    if (file.startsWith('node:')) continue;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (!isAbsolute(file)) continue;
    const own = SIM_DIRS.some((d) => file.startsWith(d));
    // Other packages (tsx, a library the model uses) are neither the model's lines nor sim's.
    if (!own && file.includes(`${sep}node_modules${sep}`)) continue;
    out.push({ file, line: Number(m[2]), own });
  }
  return out;
}
