import type { FileOutcome, Verdict } from './check-row.ts';

export type CheckTotals = Readonly<Record<Verdict, number>> & { readonly rows: number };

/** Rows by verdict over every file. */
export function checkTotals(outcomes: readonly FileOutcome[]): CheckTotals {
  const t = { pass: 0, fail: 0, new: 0, updated: 0, rows: 0 };
  for (const o of outcomes) for (const r of o.rows) {
    t[r.verdict]++;
    t.rows++;
  }
  return t;
}
