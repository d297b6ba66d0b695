import type { RunResult } from '../model/run-model.ts';
import type { ParamJson } from '../model/param.ts';
import type { ChartDefinition } from './chart-definition.ts';
import type { Finding } from './findings.ts';
import type { ZoomPlan } from './zoom-windows.ts';

/**
 * run.json: everything about one run that is not a time series, for programs. `sim run
 * --json` prints the same document (plus `out`), `sim compare` reads it back, and
 * docs/outputs.md describes it field by field. Keys are snake_case; times are simulated
 * seconds; `params` are as in summary.json (numbers in the parameter's unit, "unlimited").
 */
export interface RunDocument {
  /** What this file is: always "run". */
  readonly sim: 'run';
  /** The shape's version; bumped when a field changes meaning. */
  readonly version: 1;
  readonly model: string;
  readonly seed: number;
  /** Clock time of simulated time 0, as given with --start. */
  readonly start: string;
  readonly params: Readonly<Record<string, ParamJson>>;
  /** The same values as a person writes them (`15m`, `exp(0.004)`). */
  readonly param_text: Readonly<Record<string, string>>;
  readonly duration_s: number;
  /** Earlier than duration_s when the model ended the run itself (a batch that finished). */
  readonly end_s: number;
  readonly bucket_s: number;
  readonly events: number;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly findings: readonly FindingDocument[];
  /** The windows report.html shows zoomed, and the bucket width they were replayed at. */
  readonly zoom: readonly { readonly from_s: number; readonly to_s: number; readonly bucket_s: number; readonly reason: string }[];
  readonly charts: readonly ChartDocument[];
  /** The shell command that writes these files again, byte for byte. */
  readonly reproduce: string;
}

export interface FindingDocument {
  readonly severity: string;
  readonly rule: string;
  readonly title: string;
  readonly evidence: string;
  readonly recommendation: string;
  readonly window: { readonly from_s: number; readonly to_s: number } | null;
}

/** A model's chart definition, as data: which statistic of which metric each line draws. */
export interface ChartDocument {
  readonly name: string;
  readonly title: string;
  readonly y_title: string;
  readonly log_scale: boolean;
  readonly scale: number;
  readonly lines: readonly { readonly metric: string; readonly stat: string; readonly label: string; readonly per_s: boolean }[];
  readonly rules: readonly { readonly y: number; readonly label: string }[];
  readonly every: { readonly s: number; readonly label: string } | null;
  readonly marks: readonly { readonly t: number; readonly label: string }[];
}

export function runDocument(r: RunResult, found: readonly Finding[], start: string, zoom: ZoomPlan | null, reproduce: string): RunDocument {
  return {
    sim: 'run',
    version: 1,
    model: r.model,
    seed: r.seed,
    start,
    params: r.params,
    param_text: r.paramText,
    duration_s: r.params.duration as number,
    end_s: r.endS,
    bucket_s: r.bucketS,
    events: r.eventsFired,
    metrics: r.metrics,
    findings: found.map((f) => ({
      severity: f.severity,
      rule: f.rule,
      title: f.title,
      evidence: f.evidence,
      recommendation: f.recommendation,
      window: f.window ? { from_s: f.window.fromS, to_s: f.window.toS } : null,
    })),
    zoom: zoom ? zoom.windows.map((w) => ({ from_s: w.fromS, to_s: w.toS, bucket_s: zoom.stepS, reason: w.reason })) : [],
    charts: r.charts.map(chartDocument),
    reproduce,
  };
}

export function chartDocument(c: ChartDefinition): ChartDocument {
  return {
    name: c.name,
    title: c.title,
    y_title: c.yTitle,
    log_scale: c.logScale ?? false,
    scale: c.scale ?? 1,
    lines: c.lines.map((l) => ({ metric: l.metric, stat: l.stat, label: l.label, per_s: l.perS ?? false })),
    rules: c.rules ?? [],
    every: c.every ?? null,
    marks: c.marks ?? [],
  };
}

/** The chart definition back from run.json, for drawing the run again (`sim compare`). */
export function chartDefinition(c: ChartDocument): ChartDefinition {
  return {
    name: c.name,
    title: c.title,
    yTitle: c.y_title,
    logScale: c.log_scale,
    scale: c.scale,
    lines: c.lines.map((l) => ({ metric: l.metric, stat: l.stat, label: l.label, perS: l.per_s })),
    rules: c.rules,
    ...(c.every ? { every: c.every } : {}),
    marks: c.marks,
  };
}

/** JSON text as sim writes it: two-space indent, a final newline. */
export function jsonText(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
