/** How a term reduces a metric over a point's replications. */
export const AGGREGATES = ['mean', 'median', 'ci_low', 'ci_high', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export const COMPARATORS = ['<', '<=', '>', '>=', '==', '!='] as const;
export type Comparator = (typeof COMPARATORS)[number];

/**
 * One side of a comparison. A bare metric is read in each replication on its own; an
 * aggregate is one number for the whole point (`ci_high` = upper bound of the 95%
 * confidence interval of the mean).
 */
export type Term =
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | { readonly kind: 'metric'; readonly metric: string }
  | { readonly kind: 'aggregate'; readonly fn: Aggregate; readonly metric: string };

/** `left op right`, e.g. `ci_high(api_latency_p99_ms_worst_minute) < 500`. */
export interface Expression {
  readonly left: Term;
  readonly op: Comparator;
  readonly right: Term;
}

/** Every metric an expression reads, in order of appearance, without repeats. */
export function expressionMetrics(e: Expression): string[] {
  const out: string[] = [];
  for (const t of [e.left, e.right]) if (t.kind !== 'number' && !out.includes(t.metric)) out.push(t.metric);
  return out;
}

/** The aggregates an expression uses (callers check that enough replications exist). */
export function expressionAggregates(e: Expression): Aggregate[] {
  return [e.left, e.right].flatMap((t) => (t.kind === 'aggregate' ? [t.fn] : []));
}

export function formatTerm(t: Term): string {
  if (t.kind === 'number') return t.text;
  return t.kind === 'metric' ? t.metric : `${t.fn}(${t.metric})`;
}

/** The expression in its canonical spacing: `mean(x) < 500`. */
export function formatExpression(e: Expression): string {
  return `${formatTerm(e.left)} ${e.op} ${formatTerm(e.right)}`;
}
