import { stringify } from 'csv-stringify/sync';
import { formatExpression } from '../check/expression.ts';
import { formatMeanInterval } from '../report/format-interval.ts';
import { type Cell, escapeHtml, formatNumber, htmlPage, htmlTable } from '../report/html.ts';
import { chartFigure, interactiveScripts } from '../report/interactive.ts';
import { renderChart } from '../report/render-svg.ts';
import { paramColumn } from '../sweep/param-column.ts';
import { planChartSpec } from './plan-chart-spec.ts';
import type { PlanResult } from './run-plan.ts';

/** The answer in one line, as `sim plan` prints it and the report heads with. */
export function planAnswerText(r: PlanResult): string {
  const { request: q, outcome: o } = r;
  const what = q.goal === 'largest' ? `largest ${q.param}` : `smallest ${q.param}`;
  const label = (v: number) => r.points.find((p) => p.value === v)?.label ?? String(v);
  if (o.kind === 'answer') {
    const bracket = o.bracket ? ` (boundary between ${label(o.bracket[0])} and ${label(o.bracket[1])}; ${o.bracket[0] === o.value ? label(o.bracket[1]) : label(o.bracket[0])} fails)` : ` (${o.note})`;
    return `${what} that meets every SLO: ${label(o.value)}${bracket}`;
  }
  return `no answer: ${o.reason}`;
}

/** Headroom of each SLO at the answer, as the evaluator reported it. */
export function planMarginText(r: PlanResult): string[] {
  if (r.outcome.kind !== 'answer') return [];
  const at = r.points.find((p) => p.value === (r.outcome as { value: number }).value)!;
  return r.request.slos.map((s, i) => `  ${s.text}  [as ${formatExpression(s.expression)}]: ${at.slos[i]!.actual} at ${at.label}`);
}

/** plan.csv, plan.json, a chart per SLO metric (vl.json + svg) and report.html. */
export async function planOutputFiles(r: PlanResult): Promise<Map<string, string>> {
  const q = r.request;
  const names = [...new Set(r.points.flatMap((p) => Object.keys(p.metrics)))];
  const files = new Map<string, string>();
  const rows = r.points.map((p) => [
    p.value,
    p.label,
    p.pass ? 'pass' : 'fail',
    ...p.slos.map((s) => (s.pass ? 'pass' : 'fail')),
    ...names.flatMap((n) => {
      const m = p.metrics[n]!;
      return [m.mean ?? '', m.ci95Low ?? '', m.ci95High ?? ''];
    }),
  ]);
  const column = paramColumn(q.param, q.spec.unit, r.points.map((p) => p.value));
  const columns = [column, `${q.param.replace(/-/g, '_')}_label`, 'verdict', ...q.slos.map((_, i) => `slo_${i + 1}`), ...names.flatMap((n) => [`${n}_mean`, `${n}_ci95_low`, `${n}_ci95_high`])];
  files.set('plan.csv', stringify(rows, { header: true, columns }));
  files.set('plan.json', `${JSON.stringify(planDocument(r), null, 2)}\n`);
  const figures: string[] = [];
  for (const name of names) {
    const spec = planChartSpec(r, name);
    const stem = `${name}-vs-${q.param}`;
    files.set(`charts/${stem}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
    const drawn = await renderChart(spec, spec, stem);
    files.set(`charts/${stem}.svg`, drawn.svg);
    figures.push(chartFigure(stem, drawn));
  }
  const table = htmlTable(
    [q.param, 'verdict', ...q.slos.map((s) => s.text), ...names.map((n) => `${n} (mean ± 95% CI)`)],
    r.points.map((p) => [
      p.label,
      { html: p.pass ? 'pass' : '<b>fail</b>', cls: p.pass ? 'better' : 'worse' },
      ...p.slos.map((s) => `${s.pass ? 'pass' : 'fail'}: ${sloFigure(s.actual)}`),
      ...names.map((n): Cell => {
        const m = p.metrics[n]!;
        return m.mean === null ? null : { html: escapeHtml(formatMeanInterval(m.mean, m.ci95Low, m.ci95High)), cls: 'num' };
      }),
    ]),
  );
  const body = [
    `<h2>Answer</h2><p><b>${escapeHtml(planAnswerText(r))}</b></p>`,
    `<p>Each point ran ${q.seeds.length} replication(s) (seeds ${q.seeds.join(', ')}); a point passes when every SLO holds by the <code>${q.criterion}</code> criterion.</p>`,
    figures.length ? `<h2>Charts</h2><p class="hint">Hover a point for its value and interval; the menu (…) saves a chart as SVG or PNG.</p>${figures.join('\n')}` : '',
    `<h2>Points tried</h2><div class="scroll">${table}</div>`,
  ].join('\n');
  files.set('report.html', htmlPage(`sim plan: ${q.model.name}, ${q.param}`, q.slos.map((s) => s.text).join('; '), body, figures.length ? interactiveScripts() : ''));
  return files;
}

/** An SLO's figure as the report's tables show numbers (`0.06155`, `10,048`); anything else as it came. */
function sloFigure(actual: string): string {
  const v = Number(actual);
  return actual.trim() !== '' && Number.isFinite(v) ? formatNumber(v) : actual;
}

/** plan.json: the question, the answer, and how many points and runs it took. */
export function planDocument(r: PlanResult): Record<string, unknown> {
  const q = r.request;
  const answer = r.outcome.kind === 'answer' ? { value: r.outcome.value, bracket: r.outcome.bracket, note: r.outcome.note } : { value: null, reason: r.outcome.reason, kind: r.outcome.kind };
  return { model: q.model.name, goal: q.goal, param: q.param, range: [q.lo, q.hi], seeds: q.seeds, criterion: q.criterion, slos: q.slos.map((s) => ({ text: s.text, evaluated_as: formatExpression(s.expression) })), params: r.params, answer, points: r.points.length, runs: r.runs };
}

/**
 * What `sim plan --json` prints: plan.json's fields, the answer as the parameter is written
 * (`answer_label`), every point tried (value, label, verdict, each SLO's verdict and
 * figure, the SLO metrics' mean and 95% interval), and the output directory.
 */
export function planJsonOutput(r: PlanResult, out: string): Record<string, unknown> {
  const doc = planDocument(r);
  const label = r.outcome.kind === 'answer' ? (r.points.find((p) => p.value === (r.outcome as { value: number }).value)?.label ?? null) : null;
  return {
    sim: 'plan',
    version: 1,
    ...doc,
    answer_label: label,
    out,
    tried: r.points.map((p) => ({
      value: p.value,
      label: p.label,
      pass: p.pass,
      slos: p.slos.map((s, i) => ({ text: r.request.slos[i]!.text, pass: s.pass, actual: s.actual })),
      metrics: Object.fromEntries(Object.entries(p.metrics).map(([k, m]) => [k, { n: m.n, mean: m.mean, sd: m.sd, ci_low: m.ci95Low, ci_high: m.ci95High }])),
    })),
  };
}
