import type { Series } from '../metrics/series.ts';
import type { ChartDefinition } from './chart-definition.ts';

/** One drawn line: its points in simulated seconds, and how it looks in the legend. */
export interface TimeLine {
  readonly label: string;
  /** `[t_s, value]`, in time order, values already scaled for display. */
  readonly points: readonly (readonly [number, number])[];
  readonly color: string;
  /** Vega strokeDash; [] is solid. */
  readonly dash: readonly number[];
}

/** A vertical marker: a fault, an alert, an hourly :00. `kind` is its legend entry, `text` its tooltip. */
export interface TimeEvent {
  readonly tS: number;
  readonly kind: string;
  readonly text: string;
}

/**
 * One chart of the run report's time stack, independent of where its lines came from (one
 * run's series, or several runs overlaid by `sim compare`). The spec builders draw it.
 */
export interface TimePanel {
  /** kebab-case; file stem for a chart's own files. */
  readonly name: string;
  readonly title: string;
  readonly yTitle: string;
  readonly logScale: boolean;
  readonly lines: readonly TimeLine[];
  /** Horizontal reference lines (a pool size, an SLO), in display units. */
  readonly rules: readonly { readonly y: number; readonly label: string }[];
  readonly events: readonly TimeEvent[];
}

/** Tableau 10: distinguishable, and the palette Vega-Lite users already know. */
export const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];
/** Dashes for lines that share a colour (compare: one colour per run, one dash per statistic). */
export const DASHES: readonly (readonly number[])[] = [[], [6, 3], [2, 2], [8, 3, 2, 3], [1, 3]];

/** Where a series lives: which statistic of which metric, and how to scale it for display. */
export interface LineSource {
  readonly metric: string;
  readonly stat: string;
  readonly perS?: boolean;
}

/**
 * A series' points inside [fromS, toS), scaled as the chart asks; empty buckets and
 * non-positive values on a log scale are left out. `rateBucketS`: counts from finer buckets
 * (a zoom) are drawn per this much time, so a chart titled "per minute" stays true.
 */
export function linePoints(def: ChartDefinition, line: LineSource, series: readonly Series[], bucketS: number, fromS: number, toS: number, rateBucketS = bucketS): [number, number][] {
  const s = series.find((x) => x.metric === line.metric && x.stat === line.stat);
  if (!s) throw new Error(`chart '${def.name}' asks for ${line.metric}/${line.stat}, which no metric produced`);
  const scale = (def.scale ?? 1) * (line.stat === 'count' && !line.perS ? rateBucketS / bucketS : 1);
  const out: [number, number][] = [];
  const first = Math.max(0, Math.floor(fromS / bucketS + 1e-9));
  for (let i = first; i < s.values.length; i++) {
    const t = Number((i * bucketS).toPrecision(12));
    if (t >= toS) break;
    const v = s.values[i]!;
    if (!Number.isFinite(v)) continue;
    const y = (line.perS ? v / bucketS : v) * scale;
    if (def.logScale && y <= 0) continue;
    out.push([t, Number(y.toPrecision(6))]);
  }
  return out;
}

/** A model's chart over [fromS, toS) of one run: its lines in the palette's order, its rules and markers. */
export function runPanel(def: ChartDefinition, series: readonly Series[], bucketS: number, fromS: number, toS: number, rateBucketS = bucketS): TimePanel {
  const lines = def.lines.map((l, i) => ({
    label: l.label,
    points: linePoints(def, l, series, bucketS, fromS, toS, rateBucketS),
    color: PALETTE[i % PALETTE.length]!,
    dash: DASHES[Math.floor(i / PALETTE.length) % DASHES.length]!,
  }));
  return { name: def.name, title: def.title, yTitle: def.yTitle, logScale: def.logScale ?? false, lines, rules: def.rules ?? [], events: chartEvents(def, fromS, toS) };
}

/** The chart's markers inside [fromS, toS) (its own marks up to toS included): its own marks, and one every `every.s`. */
export function chartEvents(def: ChartDefinition, fromS: number, toS: number): TimeEvent[] {
  const out: TimeEvent[] = [];
  // A model may count repeats into a label (`crash ×3`); the legend names the kind once.
  for (const m of def.marks ?? []) if (m.t >= fromS && m.t <= toS) out.push({ tS: m.t, kind: m.label.replace(/ ×\d+$/, ''), text: m.label });
  if (def.every) {
    const step = def.every.s;
    for (let k = Math.max(1, Math.ceil(fromS / step)); k * step < toS; k++) out.push({ tS: k * step, kind: def.every.label, text: def.every.label });
  }
  return out.sort((a, b) => a.tS - b.tS);
}
