import { Session } from 'node:inspector';
import { findSourceMap } from 'node:module';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../input-error.ts';
import { ModelError } from './model-error.ts';

// Frames in sim's own source are skipped when looking for the model's line.
const SIM_SRC = fileURLToPath(new URL('..', import.meta.url));
const FRAME = /\(?((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?$/;

function display(file: string, line: number): string {
  const path = file.startsWith('file://') ? fileURLToPath(file) : file;
  const rel = relative(process.cwd(), path);
  return `${rel.startsWith('..') || rel === '' ? path : rel}:${line}`;
}

/** `file:line` of the first stack frame outside sim's own source, or null. */
export function userFrame(stack: string | undefined): string | null {
  if (!stack) return null;
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME.exec(line.trim());
    if (!m) continue;
    const file = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    if (file.startsWith(SIM_SRC) || file.includes(`${sep}node_modules${sep}`)) continue;
    return display(file, Number(m[2]));
  }
  return null;
}

/** `file:line` of the model code that called into sim (for errors thrown by a command's arguments). */
export function callerLocation(): string | null {
  return userFrame(new Error().stack);
}

/** An error naming the model line that called a command with bad arguments. */
export function argumentError(message: string): ModelError {
  const at = callerLocation();
  return new ModelError(at ? `${at}: ${message}` : message);
}

/**
 * `file:line` where a suspended generator is paused, read through the V8 inspector (the only
 * way to see into a suspended generator) and mapped through the source map to the model's
 * TypeScript. Used on the error path only; null when the inspector is unavailable.
 */
export function generatorLocation(gen: object): string | null {
  let session: Session | null = null;
  const key = '__simSuspendedGenerator';
  try {
    session = new Session();
    session.connect();
    const urls = new Map<string, string>();
    session.on('Debugger.scriptParsed', (m) => urls.set(m.params.scriptId, m.params.url));
    session.post('Debugger.enable');
    (globalThis as Record<string, unknown>)[key] = gen;
    let loc: { scriptId: string; lineNumber: number; columnNumber: number } | null = null;
    // An in-process session answers synchronously.
    session.post('Runtime.evaluate', { expression: `globalThis.${key}` }, (err, res) => {
      if (err || !res.result.objectId) return;
      session!.post('Runtime.getProperties', { objectId: res.result.objectId, ownProperties: true }, (err2, props) => {
        if (err2) return;
        const p = props.internalProperties?.find((x) => x.name === '[[GeneratorLocation]]');
        loc = (p?.value?.value as typeof loc) ?? null;
      });
    });
    session.post('Debugger.disable');
    const at = loc as { scriptId: string; lineNumber: number; columnNumber: number } | null;
    if (at === null) return null;
    const url = urls.get(at.scriptId);
    if (!url) return null;
    const entry = findSourceMap(url)?.findEntry(at.lineNumber, at.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
    if (entry?.originalSource !== undefined && entry.originalLine !== undefined) return display(entry.originalSource, entry.originalLine + 1);
    return display(url, at.lineNumber + 1);
  } catch {
    return null;
  } finally {
    delete (globalThis as Record<string, unknown>)[key];
    session?.disconnect();
  }
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (a bare `yield`)';
  if (v === null) return 'null';
  if (typeof v === 'function') return `the function ${v.name || '(anonymous)'} (not a call of it)`;
  if (typeof v === 'object') {
    if (typeof (v as { then?: unknown }).then === 'function') return 'a Promise';
    if (typeof (v as { next?: unknown }).next === 'function' && typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function') {
      return 'a generator or command with plain `yield`; use `yield*` to run it';
    }
    return `an object (${(v as object).constructor?.name ?? 'Object'})`;
  }
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** The one-line error for a process that yielded something other than a command. */
export function badYieldError(gen: object, value: unknown): ModelError {
  const at = generatorLocation(gen);
  const msg = `a process yielded ${describeValue(value)}, which is not a simulation command; wait with yield* and a command, e.g. yield* hold(1), yield* acquire(pool)`;
  return new ModelError(at ? `${at}: ${msg}` : msg);
}

/**
 * What an error thrown by a process's own code becomes: sim's InputErrors pass through; an
 * error raised in the model's code (a TypeError in a process) names the model line and
 * exits 2; an error raised inside sim is left as it is (a bug in sim).
 */
export function processCrash(e: unknown): unknown {
  if (e instanceof InputError || !(e instanceof Error)) return e;
  const top = e.stack?.split('\n').find((l) => FRAME.test(l.trim()));
  const at = top ? userFrame(`\n${top}`) : null;
  if (at === null) return e;
  return new ModelError(`${at}: ${e.name}: ${e.message}`, { cause: e });
}
