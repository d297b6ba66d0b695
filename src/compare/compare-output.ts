import { stringify } from 'csv-stringify/sync';
import { parseStart } from '../report/clock.ts';
import { escapeHtml, formatNumber, htmlPage, htmlTable } from '../report/html.ts';
import { chartFigure, interactiveScripts } from '../report/interactive.ts';
import { renderChart, renderSvg } from '../report/render-svg.ts';
import { chartDefinition, jsonText } from '../report/run-document.ts';
import { type TimeFrame, timeChartSpec, timeStackSpec } from '../report/time-chart-spec.ts';
import { chartEvents, DASHES, linePoints, PALETTE, type TimeEvent, type TimePanel } from '../report/time-panel.ts';
import type { Comparison } from './comparison.ts';

/**
 * Every file of a comparison's output directory: compare.json (the document `sim compare
 * --json` prints), compare.csv (tidy: one row per metric per run), charts/<name>.vl.json
 * and .svg with the runs' series overlaid on one time axis, and report.html.
 */
export async function compareOutputFiles(c: Comparison): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set('compare.json', jsonText(compareDocument(c)));
  files.set('compare.csv', compareCsv(c));
  const first = c.runs[0]!.run.doc;
  const frame: TimeFrame = { start: parseStart(first.start), fromS: 0, toS: Math.max(...c.runs.map((r) => r.run.doc.end_s)) };
  const panels = overlaidPanels(c, frame.toS);
  for (const p of panels) {
    files.set(`charts/${p.name}.vl.json`, jsonText(timeChartSpec(p, frame)));
    files.set(`charts/${p.name}.svg`, await renderSvg(timeChartSpec(p, frame, false), p.name));
  }
  let figure = '';
  if (panels.length) {
    const spec = timeStackSpec(panels, frame);
    files.set('charts/timeline.vl.json', jsonText(spec));
    const chart = await renderChart(timeStackSpec(panels, frame, false), spec, 'timeline');
    files.set('charts/timeline.svg', chart.svg);
    figure = chartFigure('timeline', chart);
  }
  files.set('report.html', compareHtml(c, figure));
  return files;
}

/** The document compare.json holds and `sim compare --json` prints. */
export function compareDocument(c: Comparison): Record<string, unknown> {
  return {
    sim: 'compare',
    version: 1,
    runs: c.runs.map(({ run, label }) => ({ label, dir: run.dir, model: run.doc.model, seed: run.doc.seed, start: run.doc.start, params: run.doc.params, reproduce: run.doc.reproduce })),
    params_differ: c.params.filter((p) => p.differs).map((p) => p.name),
    metrics: c.metrics.map((m) => ({ name: m.name, values: m.values, deltas: m.deltas, ratios: m.ratios })),
  };
}

/** compare.csv: `metric,run,label,value,delta,ratio`, deltas and ratios against the first run. */
export function compareCsv(c: Comparison): string {
  const rows = c.metrics.flatMap((m) => c.runs.map((r, i) => [m.name, i + 1, r.label, m.values[i] ?? '', m.deltas[i] ?? '', m.ratios[i] ?? '']));
  return stringify(rows, { header: true, columns: ['metric', 'run', 'label', 'value', 'delta', 'ratio'] });
}

/** Each chart any run has, with every run's lines on it: a colour per run, a dash per statistic. */
export function overlaidPanels(c: Comparison, toS: number): TimePanel[] {
  const names = [...new Set(c.runs.flatMap((r) => r.run.doc.charts.map((ch) => ch.name)))];
  return names.map((name) => {
    let title = '';
    let yTitle = '';
    let logScale = false;
    const lines: TimePanel['lines'][number][] = [];
    const rules = new Map<string, { y: number; label: string }>();
    const events = new Map<string, TimeEvent>();
    c.runs.forEach(({ run, label }, i) => {
      const doc = run.doc.charts.find((ch) => ch.name === name);
      if (!doc) return;
      const def = chartDefinition(doc);
      if (!title) ({ title, y_title: yTitle, log_scale: logScale } = doc);
      def.lines.forEach((l, j) => {
        lines.push({
          label: def.lines.length === 1 ? label : `${label} · ${l.label}`,
          points: linePoints(def, l, run.series, run.doc.bucket_s, 0, toS),
          color: PALETTE[i % PALETTE.length]!,
          dash: DASHES[j % DASHES.length]!,
        });
      });
      for (const r of def.rules ?? []) rules.set(`${r.label}\u0000${r.y}`, r);
      for (const e of chartEvents(def, 0, toS)) events.set(`${e.tS}\u0000${e.kind}`, e);
    });
    return { name, title, yTitle, logScale, lines, rules: [...rules.values()], events: [...events.values()].sort((a, b) => a.tS - b.tS) };
  });
}

function signed(v: number): string {
  return v > 0 ? `+${formatNumber(v)}` : v < 0 ? `−${formatNumber(-v)}` : '0';
}

function ratioText(r: number): string {
  return `×${formatNumber(r)}`;
}

function compareHtml(c: Comparison, figure: string): string {
  const [a, ...rest] = c.runs;
  const runs = htmlTable(
    ['', 'run', 'directory', 'model', 'findings'],
    c.runs.map(({ run, label }, i) => [
      { html: `<span style="display:inline-block;width:1.4em;height:.25em;vertical-align:middle;background:${PALETTE[i % PALETTE.length]}"></span>` },
      label,
      { html: `<code>${escapeHtml(run.dir)}</code>` },
      run.doc.model,
      run.doc.findings.length ? run.doc.findings.map((f) => `${f.severity}: ${f.title}`).join('; ') : 'none',
    ]),
  );
  const head = ['metric', a!.label, ...rest.flatMap((r) => [r.label, `Δ vs ${a!.label}`, `ratio`])];
  const metrics = htmlTable(
    head,
    c.metrics.map((m) => [
      { html: `<code>${escapeHtml(m.name)}</code>` },
      m.values[0] ?? null,
      ...rest.flatMap((_, k) => {
        const i = k + 1;
        const d = m.deltas[i];
        const r = m.ratios[i];
        return [m.values[i] ?? null, d === null || d === undefined ? null : { html: escapeHtml(signed(d)), cls: 'num' }, r === null || r === undefined ? null : { html: escapeHtml(ratioText(r)), cls: 'num' }];
      }),
    ]),
    (i) => (c.metrics[i]!.deltas.some((d) => d !== null && d !== 0) ? '' : 'muted'),
  );
  const params = htmlTable(
    ['parameter', ...c.runs.map((r) => r.label)],
    c.params.map((p) => [{ html: `<code>${escapeHtml(p.name)}</code>` }, ...p.values.map((v) => v)]),
    (i) => (c.params[i]!.differs ? 'differs' : ''),
  );
  const differ = c.params.filter((p) => p.differs).map((p) => p.name);
  const body = [
    `<h2>Runs</h2>${runs}`,
    figure ? `<h2>Time series, overlaid</h2><p class="hint">One colour per run, one dash per statistic. Hover for every run's value at a time; scroll to zoom the time axis, drag to pan, double-click to reset.</p>${figure}` : '',
    `<h2>Metrics</h2><p class="hint">Δ and ratio are against ${escapeHtml(a!.label)}; metrics equal in every run are grey.</p><div class="scroll">${metrics}</div>`,
    `<div class="grid"><div><h2>Parameters</h2><p class="hint">${differ.length ? `Highlighted: ${differ.length === 1 ? 'the parameter that differs' : 'the parameters that differ'} (${escapeHtml(differ.join(', '))}).` : 'The runs have the same parameters.'}</p>${params}</div>` +
      `<div><h2>Reproduce</h2>${c.runs.map((r) => `<p>${escapeHtml(r.label)}:</p><pre class="cmd">${escapeHtml(r.run.doc.reproduce)}</pre>`).join('')}</div></div>`,
  ].join('\n');
  const models = [...new Set(c.runs.map((r) => r.run.doc.model))].join(', ');
  return htmlPage(`sim compare: ${c.runs.map((r) => r.label).join(' vs ')}`, `${models}: ${c.runs.length} runs`, body, figure ? interactiveScripts() : '');
}
