import { InputError } from '../input-error.ts';
import type { CheckFile, CompareCheck, ExpectCheck } from './check-file.ts';
import type { CheckRow } from './check-row.ts';
import { evaluateExpression } from './evaluate-expression.ts';
import { expressionMetrics, formatExpression } from './expression.ts';
import { formatNumber } from './format-number.ts';
import type { PointResults } from './point-results.ts';
import { unknownMetricMessage } from './unknown-metric-message.ts';

/** The verdict of every expect and compare check of a file, in file order. */
export function checkRows(file: CheckFile, results: PointResults): CheckRow[] {
  for (const c of file.checks) {
    // The names were checked against a short run when the file was loaded; this catches a
    // metric that only the full runs lack.
    const uses = c.kind === 'expect' ? c.expressions.flatMap((e) => expressionMetrics(e.expression).map((m) => ({ m, line: e.line }))) : [{ m: c.metric, line: c.line }];
    for (const { m, line } of uses) {
      if (!results.metricNames.includes(m)) throw new InputError(`${file.file}:${line}: ${unknownMetricMessage(m, results.metricNames)} (model ${file.experiment.model.name})`);
    }
  }
  return file.checks.flatMap((c) => (c.kind === 'expect' ? expectRows(c, results) : compareRows(c, results)));
}

function expectRows(c: ExpectCheck, results: PointResults): CheckRow[] {
  return c.points.flatMap((p) =>
    c.expressions.map(({ expression, line }): CheckRow => {
      const expected = formatExpression(expression);
      const r = evaluateExpression(expression, results.runs(p), results.plan.seeds);
      const point = results.label(p);
      // A name says which variant it is about; the point is added only to tell several apart.
      const check = c.name === null ? point : c.points.length > 1 ? `${c.name} [${point}]` : c.name;
      return { kind: 'expect', check, point, expected, actual: r.actual, verdict: r.pass ? 'pass' : 'fail', line, ...(r.pass ? {} : { note: `${check}: expected ${expected}, got ${r.actual}` }) };
    }),
  );
}

function compareRows(c: CompareCheck, results: PointResults): CheckRow[] {
  const reps = results.plan.seeds.length;
  return c.pairs.map(({ baseline, candidate }) => {
    const b = results.mean(baseline, c.metric);
    const k = results.mean(candidate, c.metric);
    const versus = results.versus(candidate, baseline);
    const check = c.name === null ? versus : c.pairs.length > 1 ? `${c.name} [${versus}]` : c.name;
    const dir = c.better;
    const expected =
      c.ratioAtLeast !== null
        ? `${c.metric} ≥ ${formatNumber(c.ratioAtLeast)}× ${dir}`
        : `${c.metric} ${dir} by ≥ ${formatNumber(c.differenceAtLeast!)}`;
    let actual: string;
    let pass: boolean;
    if (b === null || k === null) {
      pass = false;
      actual = `no value (${show(b)} → ${show(k)})`;
    } else {
      const means = `${reps > 1 ? 'means ' : ''}${formatNumber(b)} → ${formatNumber(k)}`;
      if (c.ratioAtLeast !== null) {
        const ratio = dir === 'lower' ? b / k : k / b;
        // 0 / 0 is no improvement; x / 0 with x > 0 is an unbounded one.
        pass = !Number.isNaN(ratio) && ratio >= c.ratioAtLeast;
        actual = `${Number.isNaN(ratio) ? 'no change' : `${formatNumber(Number(ratio.toPrecision(3)))}×`} (${means})`;
      } else {
        const diff = dir === 'lower' ? b - k : k - b;
        pass = diff >= c.differenceAtLeast!;
        actual = `${formatNumber(diff)} (${means})`;
      }
    }
    return { kind: 'compare', check, point: versus, expected, actual, verdict: pass ? 'pass' : 'fail', line: c.line, ...(pass ? {} : { note: `${check}: expected ${expected}, got ${actual}` }) };
  });
}

function show(v: number | null): string {
  return v === null ? 'no value' : formatNumber(v);
}
