import type { JobMetrics } from '../sweep/point-summary.ts';
import { aggregate } from './aggregate.ts';
import type { Comparator, Expression, Term } from './expression.ts';
import { formatNumber } from './format-number.ts';

/** The outcome of an expression on one point's replications. */
export interface ExpressionResult {
  readonly pass: boolean;
  /** Value of each side where the verdict was decided (null: the metric had no value). */
  readonly left: number | null;
  readonly right: number | null;
  /**
   * For an expression with a bare metric over several replications: the index of the
   * replication that decided it (the first that failed by the most, or, when all pass, the
   * one closest to failing). Null when every side is one number for the whole point.
   */
  readonly replication: number | null;
  /** What was measured, as a person reads it: `172`, `172 (worst of 3, seed 2)`, `no value`. */
  readonly actual: string;
}

/**
 * Evaluates an expression on the replications of one point (`runs[r]` = replication r's
 * summary metrics). A bare metric must satisfy the comparison in every replication; an
 * aggregate is computed once over all of them (nulls skipped, like summary.csv). A side
 * with no value fails the comparison, whatever the operator.
 *
 * `seeds[r]`, when given, names the deciding replication's seed in `actual`.
 */
export function evaluateExpression(e: Expression, runs: readonly JobMetrics[], seeds?: readonly number[]): ExpressionResult {
  const perRun = e.left.kind === 'metric' || e.right.kind === 'metric';
  const left = scalarOf(e.left, runs);
  const right = scalarOf(e.right, runs);
  const count = perRun ? runs.length : 1;
  let worst = -1;
  let worstMargin = -Infinity;
  let worstL: number | null = null;
  let worstR: number | null = null;
  let pass = count > 0;
  let varies = false;
  for (let r = 0; r < count; r++) {
    const l = left ?? valueIn(e.left, runs[r]!);
    const rv = right ?? valueIn(e.right, runs[r]!);
    const m = margin(e.op, l, rv);
    if (r > 0 && !Object.is(m, worstMargin) && !(Number.isNaN(m) && Number.isNaN(worstMargin))) varies = true;
    if (m > 0 || (m === 0 && (e.op === '<' || e.op === '>' || e.op === '!='))) pass = false;
    if (m > worstMargin) {
      worstMargin = m;
      worst = r;
      worstL = Number.isNaN(l) ? null : l;
      worstR = Number.isNaN(rv) ? null : rv;
    }
  }
  if (count === 0) return { pass: false, left: null, right: null, replication: null, actual: 'no runs' };
  const replication = perRun ? worst : null;
  // Naming the deciding replication only helps when the replications disagree.
  return { pass, left: worstL, right: worstR, replication, actual: actualText(e, worstL, worstR, varies ? runs.length : 1, replication, seeds) };
}

/** A side that is one number for the whole point, or null for a bare (per-run) metric. */
function scalarOf(t: Term, runs: readonly JobMetrics[]): number | null {
  if (t.kind === 'number') return t.value;
  if (t.kind === 'metric') return null;
  return aggregate(t.fn, runs.map((r) => r[t.metric] ?? null)) ?? NaN;
}

function valueIn(t: Term, run: JobMetrics): number {
  if (t.kind === 'number') return t.value;
  return (t.kind === 'metric' ? run[t.metric] : null) ?? NaN;
}

/**
 * How far `l op r` is from holding: positive when it fails, zero on the boundary, negative
 * when it holds with room to spare. NaN (no value) counts as failing by everything.
 */
function margin(op: Comparator, l: number, r: number): number {
  if (Number.isNaN(l) || Number.isNaN(r)) return Infinity;
  switch (op) {
    case '<':
    case '<=':
      return l - r;
    case '>':
    case '>=':
      return r - l;
    case '==':
      return Math.abs(l - r);
    case '!=':
      return -Math.abs(l - r);
  }
}

function actualText(e: Expression, l: number | null, r: number | null, n: number, replication: number | null, seeds?: readonly number[]): string {
  const show = (v: number | null) => (v === null ? 'no value' : formatNumber(v));
  const parts: string[] = [];
  if (e.left.kind !== 'number') parts.push(show(l));
  if (e.right.kind !== 'number') parts.push(show(r));
  let text = parts.join(' vs ');
  if (replication !== null && n > 1) {
    const seed = seeds?.[replication];
    text += ` (worst of ${n}${seed !== undefined ? `, seed ${seed}` : ''})`;
  }
  return text;
}
