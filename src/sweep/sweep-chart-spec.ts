import type { TopLevelSpec } from 'vega-lite';
import type { PointSummary } from './point-summary.ts';
import type { SweepAxis, SweepChart, SweepPlan } from './sweep-plan.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 560;
const HEIGHT = 260;
const MAX_LABELLED_TICKS = 16;

interface Row {
  x: number | string;
  series: string;
  panel: string;
  mean: number;
  lo: number | null;
  hi: number | null;
}

/** The median of one outcome at a point whose replications split in two (see `outcomeModes`). */
interface ModeRow extends Row {
  kind: 'mode';
  share: number;
}

/**
 * A Vega-Lite chart of one metric's mean against one swept parameter, with its 95% interval
 * as error bars, a line per value of `color`, and a panel per combination of any other
 * swept parameters. Data inline; points in grid order, so the same plan gives the same spec.
 */
export function sweepChartSpec(plan: SweepPlan, chart: SweepChart, points: readonly PointSummary[]): TopLevelSpec {
  const xi = plan.axes.findIndex((a) => a.name === chart.x);
  const xAxis = plan.axes[xi]!;
  const ci = chart.color === undefined ? -1 : plan.axes.findIndex((a) => a.name === chart.color);
  const panelAxes = plan.axes.map((a, i) => ({ a, i })).filter(({ a, i }) => i !== xi && i !== ci && a.values.length > 1);
  const numericX = xAxis.values.every((v) => typeof v === 'number' && Number.isFinite(v));

  const rows: Row[] = [];
  const modeRows: ModeRow[] = [];
  for (const pt of points) {
    const s = pt.metrics.get(chart.metric);
    if (!s || s.mean === null || (chart.log && s.mean <= 0)) continue;
    const at = pt.coordinates;
    const row: Row = {
      x: numericX ? (xAxis.values[at[xi]!] as number) : xAxis.labels[at[xi]!]!,
      series: ci < 0 ? chart.metric : plan.axes[ci]!.labels[at[ci]!]!,
      panel: panelAxes.map(({ a, i }) => `${a.name}=${a.labels[at[i]!]}`).join(', '),
      mean: s.mean,
      lo: s.ci95Low,
      hi: s.ci95High,
    };
    const split = pt.modes?.get(chart.metric);
    if (split) {
      // An interval around the mean of two outcomes describes neither: draw the outcomes.
      row.lo = null;
      row.hi = null;
      for (const m of [split.low, split.high]) if (!(chart.log && m.median <= 0)) modeRows.push({ ...row, kind: 'mode', mean: m.median, share: m.share });
    }
    rows.push(row);
  }

  const x = numericX ? numericXEncoding(chart.x, xAxis) : { field: 'x', type: 'ordinal', title: chart.x, sort: [...xAxis.labels] };
  const y = { field: 'mean', type: 'quantitative', title: chart.metric, scale: chart.log ? { type: 'log' } : { zero: true } };
  const color =
    ci < 0
      ? { value: '#4c78a8' }
      : { field: 'series', type: 'nominal', title: chart.color, sort: [...plan.axes[ci]!.labels], scale: { domain: [...plan.axes[ci]!.labels] } };
  const bars = chart.log ? 'datum.lo !== null && datum.lo > 0' : 'datum.lo !== null';
  const layer: Record<string, unknown>[] = [
    { mark: { type: 'line', point: true, strokeWidth: 1.5 }, encoding: { x, y, color } },
    {
      transform: [{ filter: bars }],
      mark: { type: 'errorbar', ticks: true },
      encoding: { x, y: { field: 'lo', type: 'quantitative', title: chart.metric }, y2: { field: 'hi' }, color },
    },
  ];
  const reps = plan.seeds.length;
  let subtitle: string | string[] = reps > 1 ? `mean of ${reps} replications, bars: 95% confidence interval` : 'one replication';
  let values: Row[] = rows;
  if (modeRows.length > 0) {
    // Points whose replications split draw each outcome's median as a diamond sized by its
    // share; lines and bars keep to the mean rows. Added only when a split exists, so other
    // charts' specs are unchanged.
    const only = (kind: string) => ({ filter: kind === 'mode' ? "datum.kind === 'mode'" : "datum.kind !== 'mode'" });
    layer[0] = { ...layer[0]!, transform: [only('mean')] };
    layer[1] = { ...layer[1]!, transform: [only('mean'), { filter: bars }] };
    layer.push({
      transform: [only('mode')],
      mark: { type: 'point', shape: 'diamond', filled: true, opacity: 0.85 },
      encoding: { x, y, color, size: { field: 'share', type: 'quantitative', scale: { domain: [0, 1], range: [15, 260] }, legend: null } },
    });
    values = [...rows, ...modeRows];
    subtitle = [subtitle, 'diamonds: replications split in two outcomes, each at its median, sized by its share'];
  }
  const title = { text: chart.title, subtitle };
  const base = { $schema: SCHEMA, title, data: { values }, config: { font: 'sans-serif', legend: { orient: 'bottom' } } };
  const spec = panelAxes.length
    ? { ...base, facet: { field: 'panel', type: 'nominal', title: null, sort: unique(rows.map((r) => r.panel)) }, columns: 2, spec: { width: WIDTH / 2, height: HEIGHT, layer } }
    : { ...base, width: WIDTH, height: HEIGHT, layer };
  return spec as unknown as TopLevelSpec;
}

/** Few values: a tick at each, labelled as the experiment file writes it (`15m`, `90/s`). */
function numericXEncoding(title: string, axis: SweepAxis): Record<string, unknown> {
  const values = axis.values as number[];
  if (values.length > MAX_LABELLED_TICKS) return { field: 'x', type: 'quantitative', title: axis.unit ? `${title} (${axis.unit})` : title, scale: { zero: false } };
  const labelExpr = values.reduceRight((rest, v, i) => `datum.value === ${v} ? ${JSON.stringify(axis.labels[i])} : ${rest}`, 'datum.label');
  return { field: 'x', type: 'quantitative', title, scale: { zero: false }, axis: { values: [...values], labelExpr, labelOverlap: 'greedy' } };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
