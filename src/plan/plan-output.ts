import { stringify } from 'csv-stringify/sync';
import type { TopLevelSpec } from 'vega-lite';
import { formatExpression } from '../check/expression.ts';
import { escapeHtml, htmlCharts, htmlPage, htmlTable } from '../report/html.ts';
import { renderSvg } from '../report/render-svg.ts';
import type { PlanResult } from './run-plan.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

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
  const columns = [q.param, `${q.param}_label`, 'verdict', ...q.slos.map((_, i) => `slo_${i + 1}`), ...names.flatMap((n) => [`${n}_mean`, `${n}_ci95_low`, `${n}_ci95_high`])];
  files.set('plan.csv', stringify(rows, { header: true, columns }));
  const answer = r.outcome.kind === 'answer' ? { value: r.outcome.value, bracket: r.outcome.bracket, note: r.outcome.note } : { value: null, reason: r.outcome.reason, kind: r.outcome.kind };
  files.set(
    'plan.json',
    `${JSON.stringify({ model: q.model.name, goal: q.goal, param: q.param, range: [q.lo, q.hi], seeds: q.seeds, criterion: q.criterion, slos: q.slos.map((s) => ({ text: s.text, evaluated_as: formatExpression(s.expression) })), params: r.params, answer, points: r.points.length, runs: r.runs }, null, 2)}\n`,
  );
  const svgs: string[] = [];
  for (const name of names) {
    const spec = planChartSpec(r, name);
    files.set(`charts/${name}-vs-${q.param}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
    const svg = await renderSvg(spec);
    files.set(`charts/${name}-vs-${q.param}.svg`, svg);
    svgs.push(svg);
  }
  const table = htmlTable(
    [q.param, 'verdict', ...q.slos.map((s) => s.text)],
    r.points.map((p) => [p.label, p.pass ? 'pass' : 'fail', ...p.slos.map((s) => `${s.pass ? 'pass' : 'fail'}: ${s.actual}`)]),
  );
  const body = [
    `<h2>Answer</h2><p><b>${escapeHtml(planAnswerText(r))}</b></p>`,
    `<p>Each point ran ${q.seeds.length} replication(s) (seeds ${q.seeds.join(', ')}); a point passes when every SLO holds by the <code>${q.criterion}</code> criterion.</p>`,
    `<h2>Charts</h2>${htmlCharts(svgs)}`,
    `<h2>Points tried</h2>${table}`,
  ].join('\n');
  files.set('report.html', htmlPage(`sim plan: ${q.model.name}, ${q.param}`, q.slos.map((s) => s.text).join('; '), body));
  return files;
}

function planChartSpec(r: PlanResult, metric: string): TopLevelSpec {
  const q = r.request;
  const values = r.points
    .filter((p) => p.metrics[metric]?.mean !== null)
    .map((p) => {
      const m = p.metrics[metric]!;
      return { x: p.value, label: p.label, mean: m.mean, lo: m.ci95Low ?? m.mean, hi: m.ci95High ?? m.mean, verdict: p.pass ? 'meets SLOs' : 'misses SLOs' };
    });
  const thresholds = q.slos.flatMap((s) => {
    const e = s.expression;
    const mentions = (t: typeof e.left) => t.kind !== 'number' && t.metric === metric;
    if (mentions(e.left) && e.right.kind === 'number') return [{ y: e.right.value, label: `SLO ${s.text}` }];
    if (mentions(e.right) && e.left.kind === 'number') return [{ y: e.left.value, label: `SLO ${s.text}` }];
    return [];
  });
  const x = { field: 'x', type: 'quantitative', title: `${q.param}${q.spec.unit ? ` (${q.spec.unit})` : ''}` };
  const layers: Record<string, unknown>[] = [
    { mark: { type: 'line', color: '#999' }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: metric } } },
    { mark: { type: 'rule' }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: { field: 'verdict', type: 'nominal', title: null, scale: { domain: ['meets SLOs', 'misses SLOs'], range: ['#2a7', '#c33'] } } } },
    { mark: { type: 'point', filled: true, size: 50 }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, color: { field: 'verdict', type: 'nominal' }, tooltip: [{ field: 'label' }, { field: 'mean' }] } },
  ];
  if (thresholds.length) {
    layers.push({ data: { values: thresholds }, mark: { type: 'rule', strokeDash: [6, 4], color: '#b22' }, encoding: { y: { field: 'y', type: 'quantitative' } } });
    layers.push({ data: { values: thresholds }, mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: '#b22', x: 0 }, encoding: { y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } } });
  }
  if (r.outcome.kind === 'answer') {
    const found = [{ x: r.outcome.value, label: `answer ${r.points.find((p) => p.value === (r.outcome as { value: number }).value)?.label}` }];
    layers.push({ data: { values: found }, mark: { type: 'rule', color: '#246', strokeWidth: 2 }, encoding: { x: { field: 'x', type: 'quantitative' } } });
    layers.push({ data: { values: found }, mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 4, color: '#246' }, encoding: { x: { field: 'x', type: 'quantitative' }, text: { field: 'label' } } });
  }
  return {
    $schema: SCHEMA,
    title: { text: `${metric} vs ${q.param}`, subtitle: `mean of ${q.seeds.length} replication(s); bars: 95% confidence interval` },
    width: 560,
    height: 260,
    data: { values },
    layer: layers,
    config: { font: 'sans-serif', legend: { orient: 'bottom' } },
  } as unknown as TopLevelSpec;
}
