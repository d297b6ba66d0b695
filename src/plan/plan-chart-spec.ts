import type { TopLevelSpec } from 'vega-lite';
import { metricLabel } from '../report/metric-label.ts';
import type { PlanResult } from './run-plan.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 560;
const PASS = 'meets the SLOs';
const FAIL = 'misses an SLO';
const SLO_COLOR = '#b22222';
const ANSWER_COLOR = '#224466';

/**
 * A metric the SLOs read, against the searched parameter: every point tried, with its 95%
 * interval, coloured by verdict. Two views: the whole range searched (small), and below it
 * the neighbourhood of the answer, where bisection put most points. The x axis reads in the
 * parameter's own units, as the answer does (`2m15s`, `90/s`); the SLO threshold and the
 * answer are lines named in the legend, never text over the data.
 */
export function planChartSpec(r: PlanResult, metric: string): TopLevelSpec {
  const q = r.request;
  const label = metricLabel(metric);
  const values = r.points
    .filter((p) => p.metrics[metric]?.mean !== null && p.metrics[metric] !== undefined)
    .map((p) => {
      const m = p.metrics[metric]!;
      return { x: p.value, label: p.label, mean: m.mean! * label.factor, lo: (m.ci95Low ?? m.mean!) * label.factor, hi: (m.ci95High ?? m.mean!) * label.factor, series: p.pass ? PASS : FAIL };
    });
  const thresholds = q.slos.flatMap((s) => {
    const e = s.expression;
    const mentions = (t: typeof e.left) => t.kind !== 'number' && t.metric === metric;
    const y = mentions(e.left) && e.right.kind === 'number' ? e.right.value : mentions(e.right) && e.left.kind === 'number' ? e.left.value : null;
    return y === null ? [] : [{ y: y * label.factor, series: `SLO: ${s.text}` }];
  });
  const answer = r.outcome.kind === 'answer' ? r.outcome : null;
  const answerLabel = answer ? `answer: ${r.points.find((p) => p.value === answer.value)?.label ?? answer.value}` : null;

  const domain = [PASS, FAIL, ...thresholds.map((t) => t.series), ...(answerLabel ? [answerLabel] : [])];
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain, range: [...domain.map((d) => (d === PASS ? '#2a7f4f' : d === FAIL ? '#c33' : d === answerLabel ? ANSWER_COLOR : SLO_COLOR))] } };
  const strokeDash = { field: 'series', type: 'nominal', title: null, scale: { domain, range: domain.map((d) => (d.startsWith('SLO') ? [6, 4] : [])) } };
  const yTitle = label.unit ? `${label.words} (${label.unit})` : label.words;
  const axisLabel = xLabelExpr(q.spec.kind);
  const xTitle = `${q.param}${q.spec.kind === 'int' || q.spec.kind === 'number' ? '' : ` (${q.spec.kind === 'duration' ? 'duration' : 'rate'})`}`;

  const tooltip = [
    { field: 'label', title: q.param },
    { field: 'mean', type: 'quantitative', title: yTitle, format: ',.4~r' },
    { field: 'lo', type: 'quantitative', title: '95% CI low', format: ',.4~r' },
    { field: 'hi', type: 'quantitative', title: '95% CI high', format: ',.4~r' },
    { field: 'series', title: 'verdict' },
  ];
  const view = (xDomain: readonly [number, number] | null, height: number, title: string, withTooltip: boolean) => {
    const [lo, hi] = xDomain ?? [q.lo, q.hi];
    const ys = yScale(values, thresholds, [lo, hi]);
    const cut = ys !== null && values.some((v) => v.x >= lo && v.x <= hi && (v.lo < ys.domain[0] || v.hi > ys.domain[1]));
    // Whole numbers (servers, pool size) are never marked at 9.5.
    const ticks = q.spec.kind === 'duration' ? { values: durationTicks(lo, hi) } : q.spec.kind === 'int' ? { tickMinStep: 1 } : {};
    const x = { field: 'x', type: 'quantitative', title: xTitle, scale: { domain: [lo, hi], nice: false, zero: false }, axis: { labelExpr: axisLabel, labelOverlap: 'greedy', labelFlush: true, ...ticks } };
    const y = { field: 'mean', type: 'quantitative', title: yTitle, scale: ys ? { type: ys.type, domain: [...ys.domain], nice: false, ...(ys.type === 'linear' ? { zero: false } : {}) } : { zero: false } };
    // Intervals are drawn up to the plot's edges (a log scale has no place for a bound <= 0).
    const ends = ys ? [{ calculate: `max(datum.lo, ${ys.domain[0]})`, as: 'lo_in_view' }, { calculate: `min(datum.hi, ${ys.domain[1]})`, as: 'hi_in_view' }] : [{ calculate: 'datum.lo', as: 'lo_in_view' }, { calculate: 'datum.hi', as: 'hi_in_view' }];
    // Only the points in view set the y scale, so a far-off point does not flatten the neighbourhood.
    const inView = { filter: `datum.x >= ${lo} && datum.x <= ${hi}` };
    const layer: Record<string, unknown>[] = [
      { transform: [inView], mark: { type: 'line', color: '#aaa', strokeWidth: 1, clip: true }, encoding: { x, y } },
      { transform: [inView, ...ends], mark: { type: 'rule', clip: true }, encoding: { x, y: { field: 'lo_in_view', type: 'quantitative' }, y2: { field: 'hi_in_view' }, color, strokeDash } },
      // Misses drawn as crosses, so the verdict reads without colour too.
      ...[PASS, FAIL].map((verdict) => ({
        transform: [inView, { filter: { field: 'series', equal: verdict } }],
        mark: { type: 'point', filled: true, size: 55, clip: true, shape: verdict === PASS ? 'circle' : 'cross' },
        encoding: { x, y, color, ...(withTooltip ? { tooltip } : {}) },
      })),
    ];
    if (thresholds.length) layer.push({ data: { values: thresholds }, mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { y: { field: 'y', type: 'quantitative' }, color, strokeDash } });
    if (answer && answerLabel) layer.push({ data: { values: [{ x: answer.value, series: answerLabel }] }, mark: { type: 'rule', strokeWidth: 2, clip: true }, encoding: { x: { field: 'x', type: 'quantitative' }, color, strokeDash } });
    const note = [ys?.type === 'log' ? 'log scale' : '', cut ? 'intervals that run off the plot are cut at its edge' : ''].filter(Boolean).join('; ');
    const text = [title, note ? `(${note})` : ''].filter(Boolean).join(' ');
    return { title: { text, fontSize: 11, fontWeight: 'normal', color: '#555' }, width: WIDTH, height, layer };
  };

  const near = neighbourhood(r);
  const views = near ? [view(null, 90, `the whole range searched, ${r.points[0]?.label ?? ''} to ${r.points[r.points.length - 1]?.label ?? ''}`, false), view(near, 230, 'near the answer', true)] : [view(null, 260, '', true)];
  return {
    $schema: SCHEMA,
    title: { text: `${label.words} vs ${q.param}`, subtitle: `mean of ${q.seeds.length} replication(s); bars: 95% confidence interval`, anchor: 'start' },
    data: { values },
    vconcat: views,
    spacing: 12,
    config: { font: 'sans-serif', legend: { orient: 'bottom', symbolType: 'stroke', symbolStrokeWidth: 2, labelLimit: 480 }, axis: { titleFontWeight: 'normal' } },
  } as unknown as TopLevelSpec;
}

/**
 * The span around the answer: from the point tried below the bracket to the one above it, where
 * bisection concentrated its points. Null when that is most of the range anyway.
 */
function neighbourhood(r: PlanResult): [number, number] | null {
  if (r.outcome.kind !== 'answer' || !r.outcome.bracket) return null;
  const xs = r.points.map((p) => p.value);
  const [a, b] = r.outcome.bracket;
  const i = Math.max(0, xs.indexOf(Math.min(a, b)) - 1);
  const j = Math.min(xs.length - 1, xs.indexOf(Math.max(a, b)) + 1);
  const lo = xs[i]!;
  const hi = xs[j]!;
  const full = xs[xs.length - 1]! - xs[0]!;
  if (!(hi > lo) || hi - lo > 0.5 * full) return null;
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

/**
 * The y scale of a view: set by the means in view and the SLO thresholds, since the question is
 * where the means cross the SLO (an interval wider than that is cut at the plot's edge rather
 * than flattening every mean onto one line). Logarithmic when they are all above zero and span
 * two orders of magnitude or more (waits of 0.3 ms and 6 s, an SLO of 50 ms).
 */
function yScale(values: readonly { x: number; mean: number }[], thresholds: readonly { y: number }[], [lo, hi]: readonly [number, number]): { type: 'linear' | 'log'; domain: [number, number] } | null {
  const ys = [...values.filter((v) => v.x >= lo && v.x <= hi).map((v) => v.mean), ...thresholds.map((t) => t.y)].filter(Number.isFinite);
  if (ys.length < 2) return null;
  const min = Math.min(...ys);
  const max = Math.max(...ys);
  if (min > 0 && max / min >= 100) return { type: 'log', domain: [min / 1.6, max * 1.6] };
  const pad = (max - min) * 0.12 || Math.abs(max) * 0.1 || 1;
  return { type: 'linear', domain: [min - pad, max + pad] };
}

/** Axis labels in the parameter's own units: `2m15s` for durations, `90/s` for rates. */
function xLabelExpr(kind: string): string {
  const v = 'datum.value';
  if (kind === 'duration') {
    const part = (size: number, unit: string, mod?: number) => `(${mod ? `${v} % ${mod}` : v} >= ${size} ? floor(${mod ? `(${v} % ${mod})` : v} / ${size}) + '${unit}' : '')`;
    const secs = `(${v} % 60 > 0 ? format(${v} % 60, '~r') + 's' : '')`;
    return `${v} === 0 ? '0s' : ${v} < 1 ? format(${v} * 1000, '~r') + 'ms' : ${part(86400, 'd')} + ${part(3600, 'h', 86400)} + ${part(60, 'm', 3600)} + ${secs}`;
  }
  if (kind === 'rate') return `format(${v}, ',~r') + '/s'`;
  return `format(${v}, ',~r')`;
}

/** Round durations for about six ticks across [lo, hi]: 10s, 30s, 1m, 5m... as a person would mark them. */
export function durationTicks(lo: number, hi: number): number[] {
  const steps = [0.001, 0.01, 0.1, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
  const step = steps.find((s) => (hi - lo) / s <= 7) ?? Math.ceil((hi - lo) / 7 / 86400) * 86400;
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}
