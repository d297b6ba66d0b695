import type { FileOutcome } from './check-row.ts';
import { checkTotals } from './check-totals.ts';
import { seedsText } from './seeds-text.ts';

/**
 * The report as JUnit XML for CI dashboards: a testsuite per check file, a testcase per row;
 * a failed check is a <failure>, a missing baseline is <skipped>. Times appear only when the
 * caller measured them, so the rest of the document is the same on every run.
 */
export function junitXml(outcomes: readonly FileOutcome[]): string {
  const t = checkTotals(outcomes);
  const total = outcomes.reduce((s, o) => s + (o.wallS ?? 0), 0);
  const timed = outcomes.some((o) => o.wallS !== undefined);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sim check" tests="${t.rows}" failures="${t.fail}" errors="0" skipped="${t.new}"${timed ? ` time="${total.toFixed(3)}"` : ''}>`,
  ];
  for (const o of outcomes) {
    const fails = o.rows.filter((r) => r.verdict === 'fail').length;
    const skipped = o.rows.filter((r) => r.verdict === 'new').length;
    const time = o.wallS === undefined ? '' : ` time="${o.wallS.toFixed(3)}"`;
    out.push(`  <testsuite name="${esc(o.file)}" tests="${o.rows.length}" failures="${fails}" errors="0" skipped="${skipped}"${time}>`);
    out.push('    <properties>');
    out.push(`      <property name="model" value="${esc(o.model)}"/>`);
    out.push(`      <property name="duration_s" value="${o.durationS}"/>`);
    out.push(`      <property name="seeds" value="${esc(seedsText(o.seeds))}"/>`);
    out.push('    </properties>');
    const classname = o.file.replace(/\.ya?ml$/, '');
    for (const r of o.rows) {
      const open = `    <testcase classname="${esc(classname)}" name="${esc(`${r.check}: ${r.expected}`)}" file="${esc(o.file)}" line="${r.line}"`;
      if (r.verdict === 'fail') {
        out.push(`${open}>`);
        out.push(`      <failure message="${esc(`expected ${r.expected}, got ${r.actual}`)}" type="CheckFailed">${esc(r.note ?? '')}</failure>`);
        out.push('    </testcase>');
      } else if (r.verdict === 'new') {
        out.push(`${open}>`);
        out.push(`      <skipped message="${esc(r.note ?? 'no baseline recorded')}"/>`);
        out.push('    </testcase>');
      } else {
        out.push(`${open}/>`);
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/** Escapes text for an attribute or element; drops characters XML 1.0 cannot carry. */
function esc(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;');
}
