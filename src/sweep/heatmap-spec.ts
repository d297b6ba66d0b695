import type { TopLevelSpec } from 'vega-lite';
import { formatNumber } from '../report/html.ts';
import type { PointSummary } from './point-summary.ts';
import type { SweepChart, SweepPlan } from './sweep-plan.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const CELL = 34;

interface Cell {
  x: string;
  y: string;
  panel: string;
  value: number;
  label: string;
}

/**
 * A heatmap of one metric over two swept parameters: a cell per (x, y), coloured by the
 * metric's mean over the replications, a panel per combination of the other swept
 * parameters. For a 0/1 metric such as `recovered` the mean is the share of replications
 * that recovered, each cell is labelled `k/n`, and the colours run from red (none) through
 * yellow to green (all), so the boundary between "recovers" and "stays down" shows at a
 * glance. Other metrics get a sequential scale and their mean as the label. Data inline; cells
 * in grid order, so the same plan gives the same spec.
 */
export function heatmapSpec(plan: SweepPlan, chart: SweepChart, points: readonly PointSummary[]): TopLevelSpec {
  const xi = plan.axes.findIndex((a) => a.name === chart.x);
  const yi = plan.axes.findIndex((a) => a.name === chart.y);
  const xAxis = plan.axes[xi]!;
  const yAxis = plan.axes[yi]!;
  const panelAxes = plan.axes.map((a, i) => ({ a, i })).filter(({ a, i }) => i !== xi && i !== yi && a.values.length > 1);
  const reps = plan.seeds.length;

  const found = points.map((pt) => ({ pt, s: pt.metrics.get(chart.metric) })).filter(({ s }) => s && s.mean !== null);
  // A share: every replication's value 0 or 1, so each mean is k / n for a whole k.
  const share = found.length > 0 && found.every(({ s }) => s!.mean! >= 0 && s!.mean! <= 1 && isWhole(s!.mean! * s!.n));
  const cells: Cell[] = found.map(({ pt, s }) => {
    const at = pt.coordinates;
    const mean = s!.mean!;
    return {
      x: xAxis.labels[at[xi]!]!,
      y: yAxis.labels[at[yi]!]!,
      panel: panelAxes.map(({ a, i }) => `${a.name}=${a.labels[at[i]!]}`).join(', '),
      value: mean,
      label: share ? `${Math.round(mean * s!.n)}/${s!.n}` : formatNumber(mean),
    };
  });

  const color = share
    ? { field: 'value', type: 'quantitative', title: chart.metric, scale: { domain: [0, 1], scheme: 'redyellowgreen' }, legend: { format: '.0%' } }
    : { field: 'value', type: 'quantitative', title: chart.metric, scale: { scheme: 'viridis' } };
  const x = { field: 'x', type: 'ordinal', title: chart.x, sort: [...xAxis.labels], axis: { labelAngle: 0 } };
  // Larger values of y at the top, as on a map of "more" against "longer".
  const y = { field: 'y', type: 'ordinal', title: chart.y, sort: [...yAxis.labels].reverse() };
  const layer = [
    { mark: { type: 'rect', stroke: 'white', strokeWidth: 1 }, encoding: { x, y, color } },
    {
      mark: { type: 'text', fontSize: 10 },
      // Light text on the dark ends of the scale, dark text in the light middle.
      encoding: { x, y, text: { field: 'label' }, color: share ? { condition: { test: 'datum.value < 0.2 || datum.value > 0.8', value: '#fff' }, value: '#222' } : { value: '#fff' } },
    },
  ];
  const subtitle = share ? `cell: replications (of ${reps}) in which ${chart.metric} was 1` : reps > 1 ? `cell: mean of ${reps} replications` : 'one replication';
  const size = { width: CELL * xAxis.labels.length, height: CELL * yAxis.labels.length };
  const base = { $schema: SCHEMA, title: { text: chart.title, subtitle }, data: { values: cells }, config: { font: 'sans-serif', legend: { orient: 'right' } } };
  const spec = panelAxes.length
    ? { ...base, facet: { field: 'panel', type: 'nominal', title: null, sort: unique(cells.map((c) => c.panel)) }, columns: 3, spec: { ...size, layer } }
    : { ...base, ...size, layer };
  return spec as unknown as TopLevelSpec;
}

function isWhole(v: number): boolean {
  return Math.abs(v - Math.round(v)) < 1e-6;
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
