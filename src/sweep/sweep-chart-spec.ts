import type { TopLevelSpec } from 'vega-lite';
import { metricLabel } from '../report/metric-label.ts';
import { DASHES, PALETTE } from '../report/time-panel.ts';
import { modesText } from './outcome-modes.ts';
import type { PointSummary } from './point-summary.ts';
import type { SweepChart, SweepPlan } from './sweep-plan.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 520;
const HEIGHT = 260;
/** Up to this many values, every tested value gets its own labelled place on the axis. */
const MAX_LABELLED_VALUES = 16;
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'triangle-left', 'triangle-right'];

interface Row {
  /** The value's place on the axis (its index, or the value itself for a long numeric axis), offset per series. */
  x: number;
  /** As the experiment file writes it. */
  label: string;
  series: string;
  panel: string;
  mean: number;
  lo: number | null;
  hi: number | null;
  n: number;
  /** `153 ± 2.1 ms` */
  text: string;
}

/** The median of one outcome at a point whose replications split in two (see `outcomeModes`). */
interface ModeRow extends Row {
  kind: 'mode';
  share: number;
}

/**
 * A Vega-Lite chart of one metric's mean against one swept parameter, with its 95% interval
 * as error bars, a series per value of `color`, and a panel per combination of any other
 * swept parameters. Every tested value is a labelled place on the x axis, written as the
 * experiment file writes it (`0s, 1m, 5m, 15m`), so a 1m between 0s and 5m is not squeezed
 * out of sight; series sit side by side within a value and differ in colour, marker and
 * dash, so one hidden exactly under another still shows. Values of a parameter without an
 * order (a choice, a flag) are points, never joined by lines. Data inline, in grid order.
 */
export function sweepChartSpec(plan: SweepPlan, chart: SweepChart, points: readonly PointSummary[]): TopLevelSpec {
  const xi = plan.axes.findIndex((a) => a.name === chart.x);
  const xAxis = plan.axes[xi]!;
  const ci = chart.color === undefined ? -1 : plan.axes.findIndex((a) => a.name === chart.color);
  const panelAxes = plan.axes.map((a, i) => ({ a, i })).filter(({ a, i }) => i !== xi && i !== ci && a.values.length > 1);
  const ordered = xAxis.values.every((v) => typeof v === 'number' || v === 'unlimited');
  const continuous = ordered && xAxis.values.length > MAX_LABELLED_VALUES && xAxis.values.every((v) => typeof v === 'number');
  const label = metricLabel(chart.metric);
  const fmt = (v: number) => formatValue(v * label.factor);
  const series = ci < 0 ? [label.words] : [...plan.axes[ci]!.labels];

  const rows: Row[] = [];
  const modeRows: ModeRow[] = [];
  for (const pt of points) {
    const s = pt.metrics.get(chart.metric);
    if (!s || s.mean === null || (chart.log && s.mean <= 0)) continue;
    const at = pt.coordinates;
    const half = s.ci95Low !== null && s.ci95High !== null ? (s.ci95High - s.ci95Low) / 2 : null;
    // Series sit side by side around their value's place, so one is never hidden under another.
    const shift = continuous || series.length < 2 ? 0 : (series.indexOf(ci < 0 ? label.words : plan.axes[ci]!.labels[at[ci]!]!) - (series.length - 1) / 2) * (0.5 / series.length);
    const row: Row = {
      x: continuous ? (xAxis.values[at[xi]!] as number) : at[xi]! + shift,
      label: xAxis.labels[at[xi]!]!,
      series: ci < 0 ? label.words : plan.axes[ci]!.labels[at[ci]!]!,
      panel: panelAxes.map(({ a, i }) => `${a.name}=${a.labels[at[i]!]}`).join(', '),
      mean: s.mean * label.factor,
      lo: s.ci95Low === null ? null : s.ci95Low * label.factor,
      hi: s.ci95High === null ? null : s.ci95High * label.factor,
      n: s.n,
      text: `${fmt(s.mean)}${half ? ` ± ${fmt(half)}` : ''}${label.unit ? ` ${label.unit}` : ''}`,
    };
    const split = pt.modes?.get(chart.metric);
    if (split) {
      // An interval around the mean of two outcomes describes neither: draw the outcomes.
      row.lo = null;
      row.hi = null;
      row.text = modesText(split, (v) => `${fmt(v)}${label.unit ? ` ${label.unit}` : ''}`);
      for (const o of [split.low, split.high]) {
        if (!(chart.log && o.median <= 0)) modeRows.push({ ...row, kind: 'mode', mean: o.median * label.factor, share: o.share });
      }
    }
    rows.push(row);
  }

  // Every tested value a place of its own, labelled as written: evenly spaced, whatever the numbers.
  const places = xAxis.values.map((_, i) => i);
  const labelExpr = places.reduceRight((rest, i) => `datum.value === ${i} ? ${JSON.stringify(xAxis.labels[i])} : ${rest}`, "''");
  const x = continuous
    ? { field: 'x', type: 'quantitative', title: xAxis.unit ? `${chart.x} (${xAxis.unit})` : chart.x, scale: { zero: false } }
    : { field: 'x', type: 'quantitative', title: chart.x, scale: { domain: [-0.5, places.length - 0.5], nice: false, zero: false }, axis: { values: places, labelExpr, grid: false, labelAngle: 0 } };
  const xOffset = {};
  const yTitle = label.unit ? `${label.words} (${label.unit})` : label.words;
  const y = { field: 'mean', type: 'quantitative', title: yTitle, scale: chart.log ? { type: 'log' } : { zero: true } };
  const style = {
    color: { field: 'series', type: 'nominal', title: chart.color ?? null, sort: series, scale: { domain: series, range: series.map((_, i) => PALETTE[i % PALETTE.length]) } },
    shape: { field: 'series', type: 'nominal', title: chart.color ?? null, sort: series, scale: { domain: series, range: series.map((_, i) => SHAPES[i % SHAPES.length]) } },
    strokeDash: { field: 'series', type: 'nominal', title: chart.color ?? null, sort: series, scale: { domain: series, range: series.map((_, i) => [...DASHES[i % DASHES.length]!]) } },
  };
  const tooltip = [
    { field: 'label', title: chart.x },
    ...(ci < 0 ? [] : [{ field: 'series', title: chart.color }]),
    ...(panelAxes.length ? [{ field: 'panel', title: 'panel' }] : []),
    { field: 'text', title: plan.seeds.length > 1 ? 'mean ± 95% CI' : 'value' },
    { field: 'n', title: 'replications' },
  ];
  const bars = chart.log ? 'datum.lo !== null && datum.lo > 0' : 'datum.lo !== null';
  const layer: Record<string, unknown>[] = [];
  if (ordered) layer.push({ mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, ...xOffset, y, color: style.color, strokeDash: style.strokeDash } });
  layer.push(
    { transform: [{ filter: bars }], mark: { type: 'errorbar', ticks: { size: 6 }, thickness: 1.2 }, encoding: { x, ...xOffset, y: { field: 'lo', type: 'quantitative', title: yTitle }, y2: { field: 'hi' }, color: style.color } },
    { mark: { type: 'point', filled: true, size: 55, opacity: 1 }, encoding: { x, ...xOffset, y, color: style.color, shape: style.shape, tooltip } },
  );
  const reps = plan.seeds.length;
  let subtitle: string | string[] = reps > 1 ? `mean of ${reps} replications; bars: 95% confidence interval` : 'one replication per point';
  let values: Row[] = rows;
  if (modeRows.length > 0) {
    // Points whose replications split draw each outcome's median as a ring sized by its
    // share; lines, bars and filled points keep to the mean rows. Added only when a split
    // exists, so other charts' specs are unchanged.
    const notMode = { filter: "datum.kind !== 'mode'" };
    for (let i = 0; i < layer.length; i++) layer[i] = { ...layer[i]!, transform: [notMode, ...((layer[i]!.transform as unknown[] | undefined) ?? [])] };
    layer.push({
      transform: [{ filter: "datum.kind === 'mode'" }],
      mark: { type: 'point', shape: 'circle', filled: false, strokeWidth: 2, opacity: 0.9 },
      encoding: { x, ...xOffset, y, color: style.color, size: { field: 'share', type: 'quantitative', scale: { domain: [0, 1], range: [15, 400] }, legend: null }, tooltip },
    });
    values = [...rows, ...modeRows];
    subtitle = [subtitle, 'rings: replications split in two outcomes, each at its median, sized by its share'];
  }
  const title = { text: chart.title, subtitle, anchor: 'start' };
  const config = { font: 'sans-serif', legend: { orient: 'bottom', symbolStrokeWidth: 1.5 }, axis: { titleFontWeight: 'normal' } };
  const base = { $schema: SCHEMA, title, data: { values }, config };
  const spec = panelAxes.length
    ? { ...base, facet: { field: 'panel', type: 'nominal', title: null, sort: unique(rows.map((r) => r.panel)) }, columns: 2, spec: { width: WIDTH / 2, height: HEIGHT, layer } }
    : { ...base, width: WIDTH, height: HEIGHT, layer };
  return spec as unknown as TopLevelSpec;
}

/** Four significant digits with separators: the way the tables beside the chart print numbers. */
function formatValue(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e4) return Math.round(v).toLocaleString('en-US');
  return Number(v.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 20 });
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

