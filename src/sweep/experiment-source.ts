import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { InputError } from '../input-error.ts';

export type FieldPath = readonly (string | number)[];

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
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: true });
    const err = this.doc.errors[0];
    if (err) {
      const line = err.linePos?.[0].line ?? 1;
      const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new InputError(`${file}:${line}: not valid YAML: ${msg}`);
    }
    this.data = this.doc.toJS();
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
