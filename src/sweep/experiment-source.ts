import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { InputError } from '../input-error.ts';

export type FieldPath = readonly (string | number)[];

/** Experiment and check files are a few kilobytes; anything near this is not one. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Aliases (`*name`) a file may expand: enough for shared settings, not for a billion laughs. */
const MAX_ALIASES = 100;
/** Nesting deeper than this is no experiment, and would only exhaust the parser's stack. */
const MAX_DEPTH = 64;

/**
 * An experiment file's YAML with its source positions, so that every complaint about it can
 * name the file, the line and the field in one line: `exp.yaml:7: grid.jitter[2]: ...`.
 */
export class ExperimentSource {
  private readonly lines = new LineCounter();
  private readonly doc;
  /** The document as plain data (null for an empty file). */
  readonly data: unknown;

  constructor(
    /** As the user gave it, for messages. */
    readonly file: string,
    text: string,
  ) {
    if (text.length > MAX_FILE_BYTES) throw new InputError(`${file}: ${(text.length / 1024 / 1024).toFixed(1)} MB is too large for an experiment or check file (the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
    const nesting = nestingDepth(text);
    if (nesting.depth > MAX_DEPTH) throw new InputError(`${file}:${nesting.line}: nested more than ${MAX_DEPTH} levels deep; an experiment file needs a few`);
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: true });
    const err = this.doc.errors[0];
    if (err) {
      const line = err.linePos?.[0].line ?? 1;
      const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new InputError(`${file}:${line}: not valid YAML: ${msg}`);
    }
    try {
      this.data = this.doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      if (e instanceof ReferenceError || (e instanceof Error && /alias/i.test(e.message))) {
        throw new InputError(`${file}: its aliases (*name) expand to too much data (more than ${MAX_ALIASES} expansions); write the values out instead`);
      }
      throw e;
    }
  }

  /** The line of the deepest node on `path` that exists (the key's line for a map entry). */
  line(path: FieldPath): number {
    let node: unknown = this.doc.contents;
    let offset = 0;
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === step);
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
        // A scalar may sit below its key; a collection is named by its key's line.
        const range = (node as Node | null)?.range;
        if (range && !isMap(node) && !isSeq(node)) offset = range[0];
      } else if (isSeq(node) && typeof step === 'number' && node.items[step] !== undefined) {
        node = node.items[step];
        offset = (node as Node).range?.[0] ?? offset;
      } else {
        break;
      }
    }
    return this.lines.linePos(offset).line;
  }

  /** An InputError naming the file, the line and the field. */
  error(path: FieldPath, message: string): InputError {
    const field = fieldName(path);
    return new InputError(`${this.file}:${this.line(path)}: ${field ? `${field}: ` : ''}${message}`);
  }
}

/** `grid.jitter[2]` from ['grid', 'jitter', 2]. */
export function fieldName(path: FieldPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/**
 * The deepest flow nesting ([ and { outside quotes and comments), and the line where it is
 * reached: a cheap scan before parsing, which recurses per level.
 */
function nestingDepth(text: string): { depth: number; line: number } {
  let depth = 0;
  let deepest = 0;
  let line = 1;
  let deepestLine = 1;
  let quote = '';
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#') comment = true;
    else if (c === '[' || c === '{') {
      if (++depth > deepest) {
        deepest = depth;
        deepestLine = line;
      }
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return { depth: deepest, line: deepestLine };
}
