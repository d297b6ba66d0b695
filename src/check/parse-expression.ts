import { AGGREGATES, type Aggregate, type Comparator, type Expression, type Term } from './expression.ts';
import { ExpressionError } from './expression-error.ts';

type Token =
  | { readonly kind: 'name'; readonly text: string; readonly at: number }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly at: number }
  | { readonly kind: 'op'; readonly text: Comparator; readonly at: number }
  | { readonly kind: '(' | ')'; readonly at: number };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
// Underscores group digits (5_000) as in JavaScript; they are dropped before conversion.
const NUMBER = /-?(?:\d[\d_]*(?:\.\d[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?/y;
const OPERATOR = /<=|>=|==|!=|<|>/y;

const OP_HELP = 'an operator (<, <=, >, >=, ==, !=)';

/**
 * Parses a check expression: `term op term`, where a term is a metric name, an aggregate of
 * one (`mean(x)`, `median(x)`, `ci_low(x)`, `ci_high(x)`, `min(x)`, `max(x)`) or a number, and at least
 * one side names a metric. A small hand-written recursive-descent parser: nothing is ever
 * evaluated as code. Throws ExpressionError with the 1-based column of the problem.
 */
export function parseExpression(text: string): Expression {
  const tokens = tokenize(text);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const where = (t: Token | undefined): number => (t ? t.at + 1 : text.length + 1);
  const describe = (t: Token | undefined): string =>
    t === undefined ? 'the end' : t.kind === 'name' ? `'${t.text}'` : t.kind === 'number' ? `'${t.text}'` : `'${t.kind === 'op' ? t.text : t.kind}'`;

  const term = (): Term => {
    const t = peek();
    if (t?.kind === 'number') {
      i++;
      return { kind: 'number', value: t.value, text: t.text };
    }
    if (t?.kind !== 'name') throw new ExpressionError(`expected a metric name or a number, found ${describe(t)}`, where(t));
    i++;
    if (peek()?.kind !== '(') return { kind: 'metric', metric: t.text };
    if (!(AGGREGATES as readonly string[]).includes(t.text)) {
      throw new ExpressionError(`'${t.text}' is not a function; use one of ${AGGREGATES.join(', ')}`, where(t));
    }
    i++;
    const arg = peek();
    if (arg?.kind !== 'name') throw new ExpressionError(`${t.text}( needs a metric name, found ${describe(arg)}`, where(arg));
    i++;
    const close = peek();
    if (close?.kind !== ')') throw new ExpressionError(`expected ')' after ${t.text}(${arg.text}, found ${describe(close)}`, where(close));
    i++;
    return { kind: 'aggregate', fn: t.text as Aggregate, metric: arg.text };
  };

  if (tokens.length === 0) throw new ExpressionError(`the expression is empty; write e.g. api_latency_p99_ms_worst_minute < 500`, 1);
  const left = term();
  const opTok = peek();
  if (opTok?.kind !== 'op') throw new ExpressionError(`expected ${OP_HELP} after ${describe(tokens[i - 1])}, found ${describe(opTok)}`, where(opTok));
  i++;
  const right = term();
  if (i < tokens.length) {
    const extra = tokens[i];
    throw new ExpressionError(`unexpected ${describe(extra)} after the comparison; write one comparison per expression`, where(extra));
  }
  if (left.kind === 'number' && right.kind === 'number') {
    throw new ExpressionError('compares two numbers; one side must name a metric', 1);
  }
  return { left, op: opTok.text, right };
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  const match = (re: RegExp): string | null => {
    re.lastIndex = at;
    const m = re.exec(text);
    return m ? m[0] : null;
  };
  while (at < text.length) {
    const c = text[at]!;
    if (c === ' ' || c === '\t') {
      at++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ kind: c, at });
      at++;
      continue;
    }
    const name = match(NAME);
    if (name) {
      out.push({ kind: 'name', text: name, at });
      at += name.length;
      continue;
    }
    const num = match(NUMBER);
    if (num) {
      // A unit glued to a number (500ms) would silently mean something else: metrics carry
      // their unit in their name, so the number is already in that unit.
      const after = text[at + num.length];
      if (after !== undefined && /[A-Za-z_%]/.test(after)) {
        throw new ExpressionError(`'${num}${after}…': write a plain number in the metric's own unit (its name ends in it, e.g. _ms, _s)`, at + 1);
      }
      const value = Number(num.replace(/_/g, ''));
      if (!Number.isFinite(value)) throw new ExpressionError(`'${num}' is not a finite number`, at + 1);
      out.push({ kind: 'number', value, text: num, at });
      at += num.length;
      continue;
    }
    const op = match(OPERATOR);
    if (op) {
      out.push({ kind: 'op', text: op as Comparator, at });
      at += op.length;
      continue;
    }
    if (c === '=') throw new ExpressionError(`'=' is not an operator; use == to test equality`, at + 1);
    throw new ExpressionError(`unexpected character '${c}'`, at + 1);
  }
  return out;
}
