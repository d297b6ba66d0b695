import { InputError } from '../input-error.ts';
import { ExpressionError } from '../check/expression-error.ts';
import type { Expression, Term } from '../check/expression.ts';
import { parseExpression } from '../check/parse-expression.ts';

/**
 * How a bare metric in an SLO is judged over a point's replications:
 * `ci` (default) the 95% confidence bound on the unsafe side must meet it (ci_high for < and
 * <=, ci_low for > and >=), `all` every replication must, `mean` the mean must.
 */
export const CRITERIA = ['ci', 'all', 'mean'] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface Slo {
  /** As the user wrote it. */
  readonly text: string;
  /** As it is evaluated, the criterion applied. */
  readonly expression: Expression;
}

/** Parses `--slo` texts with the check expression parser, applying the criterion to bare metrics. */
export function parseSlos(texts: readonly string[], criterion: Criterion): Slo[] {
  if (texts.length === 0) throw new InputError('--slo is required: give at least one, e.g. --slo "api_latency_p99_ms_worst_minute < 500"');
  return texts.map((text) => {
    let e: Expression;
    try {
      e = parseExpression(text);
    } catch (err) {
      if (err instanceof ExpressionError) throw new InputError(`--slo "${text}": ${err.message}`);
      throw err;
    }
    return { text, expression: applyCriterion(e, criterion) };
  });
}

function applyCriterion(e: Expression, criterion: Criterion): Expression {
  if (criterion === 'all' || e.op === '==' || e.op === '!=') return e;
  // The metric side's unsafe direction: `m < v` fails when m is high, `v < m` when m is low.
  const lift = (t: Term, metricOnLeft: boolean): Term => {
    if (t.kind !== 'metric') return t;
    if (criterion === 'mean') return { kind: 'aggregate', fn: 'mean', metric: t.metric };
    const upperBound = (e.op === '<' || e.op === '<=') === metricOnLeft;
    return { kind: 'aggregate', fn: upperBound ? 'ci_high' : 'ci_low', metric: t.metric };
  };
  return { left: lift(e.left, true), op: e.op, right: lift(e.right, false) };
}
