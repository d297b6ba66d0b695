import type { Model } from '../model/define-model.ts';
import type { RunResult } from '../model/run-model.ts';
import { runSeriesUntil } from '../model/run-series-until.ts';
import { type ClockStart, clockText, DEFAULT_START, parseStart } from './clock.ts';
import type { Finding } from './findings.ts';
import { escapeHtml, htmlPage, htmlTable } from './html.ts';
import { chartFigure, interactiveScripts } from './interactive.ts';
import { metricLabel } from './metric-label.ts';
import { renderChart, renderSvg } from './render-svg.ts';
import { runDataFiles } from './run-data-files.ts';
import { jsonText } from './run-document.ts';
import { reproduceCommand, type ReproduceOptions } from './reproduce-command.ts';
import { type TimeFrame, timeChartSpec, timeStackSpec } from './time-chart-spec.ts';
import { runPanel, type TimePanel } from './time-panel.ts';
import { type ZoomPlan, zoomPlan } from './zoom-windows.ts';

export interface RunReportOptions extends ReproduceOptions {
  /** The model that ran, to replay the zoomed windows at finer buckets; without it, no zoom. */
  readonly model?: Model;
}

/**
 * Every file of one run's output directory, by relative path: summary.json, run.json,
 * timeseries.csv, charts/<name>.vl.json and .svg (each model chart, the stacked timeline,
 * and each zoomed window), report.html. Pure function of the result and options: same
 * result, same bytes.
 */
export async function runOutputFiles(r: RunResult, found: readonly Finding[] = [], opts: RunReportOptions = {}): Promise<Map<string, string>> {
  const start = parseStart(opts.start ?? DEFAULT_START);
  const zoomReq = opts.zoom ?? { kind: 'auto' };
  const flagged = found.flatMap((f) => (f.window ? [{ ...f.window, reason: f.title }] : []));
  const zoom = opts.model ? zoomPlan(zoomReq, flagged, r.bucketS, r.params.duration as number, r.endS) : null;
  const reproduce = reproduceCommand(r, { ...opts, start: start.text, zoom: zoomReq });

  const files = runDataFiles(r, found, start.text, zoom, reproduce);

  const whole: TimeFrame = { start, fromS: 0, toS: r.endS };
  const panels = r.charts.map((def) => runPanel(def, r.series, r.bucketS, 0, r.endS));
  for (const panel of panels) {
    files.set(`charts/${panel.name}.vl.json`, jsonText(timeChartSpec(panel, whole)));
    files.set(`charts/${panel.name}.svg`, await renderSvg(timeChartSpec(panel, whole, false), panel.name));
  }
  const figures: string[] = [];
  if (panels.length) {
    const spec = timeStackSpec(panels, whole);
    const chart = await renderChart(timeStackSpec(panels, whole, false), spec, 'timeline');
    files.set('charts/timeline.vl.json', jsonText(spec));
    files.set('charts/timeline.svg', chart.svg);
    figures.push(`<h2>Timeline</h2><p class="hint">${HINT}</p>${chartFigure('timeline', chart)}`);
  }
  if (zoom && opts.model) {
    figures.push(`<h2>Zoomed in</h2><p class="hint">The run replayed with the same seed, its metrics kept every ${zoom.stepS} s instead of every ${r.bucketS} s, around each stretch the findings flag. Counts are drawn at the same rate as above (per ${r.bucketS} s), so the two read on one scale.</p>`);
    const fine = runSeriesUntil(opts.model, r, zoom.untilS, zoom.stepS, opts.limits);
    for (const [i, w] of zoom.windows.entries()) {
      const frame: TimeFrame = { start, fromS: w.fromS, toS: w.toS };
      const zoomed = r.charts.map((def): TimePanel => runPanel(def, fine.series, zoom.stepS, w.fromS, w.toS, r.bucketS));
      const spec = timeStackSpec(zoomed, frame);
      const name = `zoom-${i + 1}`;
      const chart = await renderChart(timeStackSpec(zoomed, frame, false), spec, name);
      files.set(`charts/${name}.vl.json`, jsonText(spec));
      files.set(`charts/${name}.svg`, chart.svg);
      const span = `${clockText(start, w.fromS, r.endS)}–${clockText(start, w.toS, r.endS)}`;
      figures.push(`<h3 id="${name}-title">${escapeHtml(span)}, every ${zoom.stepS} s: ${escapeHtml(w.reason)}</h3>${chartFigure(name, chart)}`);
    }
  }
  files.set('report.html', runReportHtml(r, found, figures, start, zoom, reproduce));
  return files;
}

const HINT = 'Hover for values; scroll on a chart to zoom the time axis, drag to pan, double-click to reset. All charts move together.';

function runReportHtml(r: RunResult, found: readonly Finding[], figures: readonly string[], start: ClockStart, zoom: ZoomPlan | null, reproduce: string): string {
  const zoomOf = (f: Finding) => zoom?.windows.findIndex((w) => f.window && w.flaggedFromS === f.window.fromS) ?? -1;
  const findingHtml = found.length
    ? found
        .map((f) => {
          const z = zoomOf(f);
          const when = f.window ? ` <span class="muted">(${escapeHtml(clockText(start, f.window.fromS, r.endS))}–${escapeHtml(clockText(start, f.window.toS, r.endS))}${z >= 0 ? `; <a href="#zoom-${z + 1}-title">zoomed in below</a>` : ''})</span>` : '';
          return `<div class="finding ${escapeHtml(f.severity)}"><span class="sev">${escapeHtml(f.severity)}</span> <b>${escapeHtml(f.title)}</b>${when}<br>${escapeHtml(f.evidence)}<br><i>Recommendation:</i> ${escapeHtml(f.recommendation)}</div>`;
        })
        .join('\n')
    : '<p>No rule found anything wrong in this run.</p>';
  const metrics = htmlTable(
    ['metric', 'value', 'in words'],
    Object.entries(r.metrics).map(([k, v]) => {
      const l = metricLabel(k);
      return [{ html: `<code>${escapeHtml(k)}</code>` }, v, `${l.words}${l.unit && l.unit !== '%' ? ` (${l.unit})` : l.unit === '%' ? ' (0..1)' : ''}`];
    }),
  );
  const params = htmlTable(['parameter', 'value'], Object.entries(r.paramText).map(([k, v]) => [{ html: `<code>--${escapeHtml(k)}</code>` }, v]));
  const duration = r.params.duration as number;
  const facts =
    `Seed ${r.seed}; simulated ${escapeHtml(r.paramText.duration ?? '')} from ${escapeHtml(clockText(start, 0))} to ${escapeHtml(clockText(start, r.endS, r.endS))}` +
    `${r.endS < duration ? ` (the model ended the run at ${escapeHtml(clockText(start, r.endS, r.endS))})` : ''}; metrics every ${r.bucketS} s; ${r.eventsFired.toLocaleString('en-US')} events.`;
  const body = [
    `<p>${facts}</p>`,
    r.description ? `<details><summary>What this model is</summary>${paragraphs(r.description)}</details>` : '',
    `<h2>What the metrics reveal</h2>${findingHtml}`,
    ...figures,
    `<div class="grid"><div><h2>Summary</h2>${metrics}</div><div><h2>Parameters</h2>${params}<h3>Reproduce</h3><p>These exact files again (same bytes), from any directory with sim installed:</p><pre class="cmd">${escapeHtml(reproduce)}</pre></div></div>`,
  ].join('\n');
  return htmlPage(`sim run: ${r.model}`, r.summary, body, figures.length ? interactiveScripts() : '');
}

/** A model's description as HTML paragraphs: blank lines separate them, as the model writes them. */
export function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
}
