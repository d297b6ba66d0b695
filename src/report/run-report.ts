import type { RunResult } from '../model/run-model.ts';
import { timeChartSpec } from './chart-spec.ts';
import { escapeHtml, htmlCharts, htmlPage, htmlTable } from './html.ts';
import { renderSvg } from './render-svg.ts';
import { summaryJson } from './summary-json.ts';
import { timeseriesCsv } from './timeseries-csv.ts';

/** A finding as the report shows it (computed from the metrics by general rules). */
export interface ReportFinding {
  readonly severity: string;
  readonly title: string;
  readonly evidence: string;
  readonly recommendation: string;
}

/**
 * Every file of one run's output directory, by relative path: summary.json, timeseries.csv,
 * charts/<name>.vl.json and .svg, report.html. Pure function of the result: same result,
 * same bytes.
 */
export async function runOutputFiles(r: RunResult, findings: readonly ReportFinding[] = []): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set('summary.json', summaryJson(r));
  files.set('timeseries.csv', timeseriesCsv(r.series, r.bucketS));
  const svgs: string[] = [];
  for (const def of r.charts) {
    const spec = timeChartSpec(def, r.series, r.bucketS, r.endS);
    files.set(`charts/${def.name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
    const svg = await renderSvg(spec);
    files.set(`charts/${def.name}.svg`, svg);
    svgs.push(svg);
  }
  files.set('report.html', runReportHtml(r, svgs, findings));
  return files;
}

export function runReportHtml(r: RunResult, svgs: readonly string[], findings: readonly ReportFinding[]): string {
  const params = htmlTable(['parameter', 'value'], Object.entries(r.paramText).map(([k, v]) => [k, v]));
  const metrics = htmlTable(['metric', 'value'], Object.entries(r.metrics).map(([k, v]) => [k, v]));
  const findingHtml = findings.length
    ? findings
        .map((f) => `<div class="finding ${escapeHtml(f.severity)}"><span class="sev">${escapeHtml(f.severity)}</span> <b>${escapeHtml(f.title)}</b><br>${escapeHtml(f.evidence)}<br><i>Recommendation:</i> ${escapeHtml(f.recommendation)}</div>`)
        .join('\n')
    : '<p>No rule found anything wrong in this run.</p>';
  const body = [
    r.description ? `<p>${escapeHtml(r.description)}</p>` : '',
    `<h2>What the metrics reveal</h2>${findingHtml}`,
    `<h2>Charts</h2>${htmlCharts(svgs)}`,
    `<div class="grid"><div><h2>Summary</h2>${metrics}</div><div><h2>Parameters</h2>${params}<p>seed ${r.seed}; simulated ${escapeHtml(r.paramText.duration ?? '')}${r.endS < (r.params.duration as number) ? ` (ended at ${r.endS} s)` : ''}; ${r.eventsFired.toLocaleString('en-US')} events. Reproduce with <code>${escapeHtml(reproduceCommand(r))}</code></p></div></div>`,
  ].join('\n');
  return htmlPage(`sim: ${r.model}`, r.summary, body);
}

/** The command line that reproduces a run exactly. */
export function reproduceCommand(r: RunResult): string {
  const flags = Object.entries(r.paramText).map(([k, v]) => `--${k} ${v}`);
  return `sim run ${r.model} --seed ${r.seed} ${flags.join(' ')}`;
}
