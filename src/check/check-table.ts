import { formatDuration } from '../kernel/duration.ts';
import type { FileOutcome, Verdict } from './check-row.ts';
import { checkTotals } from './check-totals.ts';
import { seedsText } from './seeds-text.ts';

const VERDICT_TEXT: Record<Verdict, string> = { pass: 'pass', fail: 'FAIL', new: 'new', updated: 'updated' };
const HEAD = ['CHECK', 'EXPECTED', 'ACTUAL', 'VERDICT'] as const;

/**
 * The report a person reads: per check file a heading and a row per check (check,
 * expected, actual, verdict), columns aligned within the file; then each failure and missing
 * baseline again with its file and line, and the totals.
 */
export function checkTable(outcomes: readonly FileOutcome[]): string {
  const out: string[] = [];
  for (const o of outcomes) {
    const cells = o.rows.map((r) => [r.check, r.expected, r.actual, VERDICT_TEXT[r.verdict]]);
    const widths = HEAD.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
    const line = (row: readonly string[]) => `  ${row.map((s, c) => (c === row.length - 1 ? s : s.padEnd(widths[c]!))).join('  ')}`.trimEnd();
    const wall = o.wallS === undefined ? '' : ` (${o.wallS.toFixed(1)} s)`;
    out.push(`${o.file}: ${o.model}, ${formatDuration(o.durationS)} simulated, ${seedsText(o.seeds)}, ${o.points} point${o.points === 1 ? '' : 's'}${wall}`);
    out.push(line(HEAD));
    for (const r of o.rows) out.push(line([r.check, r.expected, r.actual, VERDICT_TEXT[r.verdict]]));
    out.push('');
  }
  const notes = outcomes.flatMap((o) => o.rows.filter((r) => r.verdict === 'fail' || r.verdict === 'new').map((r) => `  ${o.file}:${r.line}: ${r.verdict === 'fail' ? 'FAIL' : 'new'}: ${r.note ?? r.check}`));
  if (notes.length > 0) out.push(...notes, '');
  const t = checkTotals(outcomes);
  const parts = [`${t.pass} passed`, `${t.fail} failed`];
  if (t.new > 0) parts.push(`${t.new} without a baseline`);
  if (t.updated > 0) parts.push(`${t.updated} baseline${t.updated === 1 ? '' : 's'} updated`);
  out.push(`${t.fail > 0 ? 'FAILED' : 'ok'}: ${t.rows} checks in ${outcomes.length} file${outcomes.length === 1 ? '' : 's'}: ${parts.join(', ')}`);
  return `${out.join('\n')}\n`;
}
