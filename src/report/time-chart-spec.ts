import type { TopLevelSpec } from 'vega-lite';
import { type ClockStart, clockAxisTitle, clockLabelExpr, clockMs, clockText } from './clock.ts';
import type { TimePanel } from './time-panel.ts';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Plot width of every time chart, so stacked charts share one time axis pixel for pixel. */
export const PLOT_WIDTH = 1100;
const ROW_HEIGHT = 150;
/** Fixed room for y-axis labels, so that plots start at the same x down the stack. */
const Y_AXIS_EXTENT = 52;
const RULE_COLOR = '#b22222';
const RULE_DASH = [6, 4];
const EVENT_COLOR = '#777777';
const EVENT_DASH = [2, 3];

/** The span of simulated time a chart shows, and the clock it is read in. */
export interface TimeFrame {
  readonly start: ClockStart;
  readonly fromS: number;
  readonly toS: number;
}

/**
 * One time chart on its own (charts/<name>.vl.json): lines over clock time, reference rules
 * and markers in the legend rather than written over the data, a hover rule whose tooltip
 * lists every line at that time, and zoom/pan on the time axis (wheel, drag; double-click
 * resets). Data inline, in simulated seconds (`s`) like timeseries.csv.
 */
export function timeChartSpec(panel: TimePanel, frame: TimeFrame, interactive = true): TopLevelSpec {
  const unit = panelUnit(panel, frame, 0, true, interactive);
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...unit,
    ...(interactive ? { params: [zoomParam([viewName(0)])] } : {}),
    config: CONFIG,
  } as unknown as TopLevelSpec;
}

/**
 * Charts stacked with one shared time axis: equal plot widths and y-axis room, so a moment
 * lines up down the page, and one zoom that moves every chart together. `interactive:
 * false` leaves out the hover and zoom layers, for SVG, where they would only add bytes.
 */
export function timeStackSpec(panels: readonly TimePanel[], frame: TimeFrame, interactive = true): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(interactive ? { params: [zoomParam(panels.map((_, i) => viewName(i)))] } : {}),
    vconcat: panels.map((p, i) => panelUnit(p, frame, i, i === panels.length - 1, interactive)),
    spacing: 18,
    resolve: {
      scale: { x: 'shared', y: 'independent', color: 'independent', strokeDash: 'independent' },
      legend: { color: 'independent', strokeDash: 'independent' },
    },
    config: CONFIG,
  } as unknown as TopLevelSpec;
}

const CONFIG = {
  font: 'sans-serif',
  axisY: { minExtent: Y_AXIS_EXTENT, maxExtent: Y_AXIS_EXTENT, titleFontWeight: 'normal' },
  axisX: { titleFontWeight: 'normal' },
  legend: { orient: 'top', direction: 'horizontal', title: null, symbolType: 'stroke', symbolStrokeWidth: 2, labelLimit: 260, offset: 6 },
  title: { anchor: 'start', fontSize: 13, subtitleColor: '#555' },
  view: { stroke: '#ddd' },
};

const viewName = (i: number) => `panel_${i}`;

/** Wheel zooms, drag pans, double-click resets: on time only, so a spike's height stays in view. */
function zoomParam(views: readonly string[]): Record<string, unknown> {
  return { name: 'zoom', select: { type: 'interval', encodings: ['x'] }, bind: 'scales', views: [...views] };
}

/** A field name as Vega-Lite reads it: dots and brackets would otherwise mean nesting. */
function fieldRef(name: string): string {
  return name.replace(/[.[\]\\]/g, (c) => `\\${c}`);
}

function panelUnit(panel: TimePanel, frame: TimeFrame, index: number, xTitle: boolean, interactive: boolean): Record<string, unknown> {
  const toClock = { calculate: `${frame.start.epochMs} + datum.s * 1000`, as: 't' };
  const x = {
    field: 't',
    type: 'temporal',
    scale: { type: 'utc', domain: [clockMs(frame.start, frame.fromS), clockMs(frame.start, frame.toS)], nice: false },
    axis: { labelExpr: clockLabelExpr(frame.start, frame.fromS, frame.toS), title: xTitle ? clockAxisTitle(frame.start) : null, tickCount: 12, labelFlush: true, labelOverlap: true },
  };
  // One legend for lines, rules and markers: colour and dash share a field and a domain.
  const legend = new Map<string, { color: string; dash: readonly number[] }>();
  for (const l of panel.lines) if (!legend.has(l.label)) legend.set(l.label, { color: l.color, dash: l.dash });
  for (const r of panel.rules) if (!legend.has(r.label)) legend.set(r.label, { color: RULE_COLOR, dash: RULE_DASH });
  for (const e of panel.events) if (!legend.has(e.kind)) legend.set(e.kind, { color: EVENT_COLOR, dash: EVENT_DASH });
  const domain = [...legend.keys()];
  const color = { field: 'series', type: 'nominal', scale: { domain, range: domain.map((k) => legend.get(k)!.color) } };
  const strokeDash = { field: 'series', type: 'nominal', scale: { domain, range: domain.map((k) => [...legend.get(k)!.dash]) } };
  const y = { field: 'value', type: 'quantitative', title: panel.yTitle, scale: panel.logScale ? { type: 'log' } : { zero: true }, axis: { tickCount: 5 } };

  const values = panel.lines.flatMap((l) => l.points.map(([s, value]) => ({ s, series: l.label, value })));
  const layer: Record<string, unknown>[] = [
    { name: viewName(index), mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5, clip: true }, encoding: { x, y, color, strokeDash } },
  ];
  if (panel.rules.length) {
    layer.push({
      data: { values: panel.rules.map((r) => ({ value: r.y, series: r.label })) },
      mark: { type: 'rule', strokeWidth: 1.2, clip: true },
      encoding: { y: { field: 'value', type: 'quantitative' }, color, strokeDash, tooltip: [{ field: 'series', title: 'line' }, { field: 'value', type: 'quantitative', title: 'at', format: ',.6~r' }] },
    });
  }
  if (panel.events.length) {
    layer.push({
      data: { values: panel.events.map((e) => ({ s: e.tS, series: e.kind, text: e.text, clock: clockText(frame.start, e.tS, frame.toS) })) },
      transform: [toClock],
      mark: { type: 'rule', strokeWidth: 1, clip: true },
      encoding: { x: { field: 't', type: 'temporal' }, color, strokeDash, tooltip: [{ field: 'text', title: 'marker' }, { field: 'clock', title: 'time' }] },
    });
  }
  if (values.length && interactive) {
    // Hovering anywhere picks the nearest time and lists every line's value there.
    const hover = `hover_${index}`;
    layer.push({
      transform: [{ pivot: 'series', value: 'value', groupby: ['s'] }, toClock, { calculate: clockLabelExpr(frame.start, frame.fromS, frame.toS, 'datum.t'), as: 'clock' }],
      params: [{ name: hover, select: { type: 'point', fields: ['s'], nearest: true, on: 'pointerover', clear: 'pointerout' } }],
      mark: { type: 'rule', color: '#444', strokeWidth: 1, clip: true },
      encoding: {
        x: { field: 't', type: 'temporal' },
        opacity: { condition: { param: hover, empty: false, value: 0.45 }, value: 0 },
        tooltip: [
          { field: 'clock', title: 'time' },
          ...unique(panel.lines.map((l) => l.label)).map((label) => ({ field: fieldRef(label), type: 'quantitative', title: label, format: ',.6~r' })),
        ],
      },
    });
  }
  return {
    title: { text: panel.title },
    width: PLOT_WIDTH,
    height: ROW_HEIGHT,
    data: { values },
    transform: [toClock],
    layer,
  };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
