/**
 * A chart a model asks for, in terms of metric series only: which statistic of which metric,
 * drawn against time. The report layer turns it into a Vega-Lite spec and an SVG.
 */
export interface ChartDefinition {
  /** File name stem: `charts/<name>.vl.json`, `charts/<name>.svg`. kebab-case. */
  readonly name: string;
  readonly title: string;
  /** Y-axis title, with its unit: `latency (ms)`. */
  readonly yTitle: string;
  readonly lines: readonly ChartLine[];
  /** Horizontal reference lines: a pool size, an SLO. */
  readonly rules?: readonly { readonly y: number; readonly label: string }[];
  /** A vertical marker every so many seconds (e.g. 3600 marks each :00), labelled. */
  readonly every?: { readonly s: number; readonly label: string };
  /** Vertical markers at given times: a fault, an alert. */
  readonly marks?: readonly { readonly t: number; readonly label: string }[];
  /** Log scale for latencies spanning orders of magnitude. @default false */
  readonly logScale?: boolean;
  /** Multiply values by this before drawing (e.g. 1000 to show seconds as ms). @default 1 */
  readonly scale?: number;
}

export interface ChartLine {
  readonly metric: string;
  /** count, mean, max, p50, p90, p99. */
  readonly stat: string;
  /** Legend label. */
  readonly label: string;
  /** Divide a per-bucket count by the bucket width, to draw a rate per second. @default false */
  readonly perS?: boolean;
}
