import type { FileOutcome } from './check-row.ts';
import { checkTotals } from './check-totals.ts';

/**
 * The report for machines (`sim check --json`): totals, then every file with its rows.
 * `ok` is what the exit code says: true when no check failed.
 */
export function checkJson(outcomes: readonly FileOutcome[]): string {
  const t = checkTotals(outcomes);
  const doc = {
    ok: t.fail === 0,
    totals: { checks: t.rows, passed: t.pass, failed: t.fail, without_baseline: t.new, baseline_updated: t.updated },
    files: outcomes.map((o) => ({
      file: o.file,
      model: o.model,
      duration_s: o.durationS,
      seeds: o.seeds,
      points: o.points,
      ...(o.wallS === undefined ? {} : { wall_s: Number(o.wallS.toFixed(3)) }),
      checks: o.rows.map((r) => ({ kind: r.kind, check: r.check, point: r.point, expected: r.expected, actual: r.actual, verdict: r.verdict, line: r.line, ...(r.note ? { note: r.note } : {}) })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
