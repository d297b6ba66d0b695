import { chartFigure } from '../report/interactive.ts';
import { renderChart } from '../report/render-svg.ts';
import type { JobMetrics } from './point-summary.ts';
import { summarizePoints } from './point-summary.ts';
import { heatmapSpec } from './heatmap-spec.ts';
import { sweepChartSpec } from './sweep-chart-spec.ts';
import { jobCount, pointCount, type SweepPlan } from './sweep-plan.ts';
import { sweepReportHtml } from './sweep-report.ts';
import { summaryCsv, summaryLongCsv, sweepCsv } from './sweep-tables.ts';

/**
 * Every file of a finished sweep's output directory, by relative path: sweep.json (the
 * plan), sweep.csv, summary.csv, charts/<name>.vl.json and .svg, report.html. A pure
 * function of the plan and the per-job results, which is why a merge of shards writes the
 * same bytes as one full run.
 */
export async function sweepOutputFiles(plan: SweepPlan, results: readonly JobMetrics[]): Promise<Map<string, string>> {
  if (results.length !== jobCount(plan)) throw new Error(`sweep outputs need all ${jobCount(plan)} runs, got ${results.length}`);
  const points = summarizePoints(plan, results);
  const files = new Map<string, string>();
  files.set('sweep.json', `${JSON.stringify({ ...plan, points: pointCount(plan), runs: jobCount(plan) }, null, 2)}\n`);
  files.set('sweep.csv', sweepCsv(plan, results));
  files.set('summary.csv', summaryCsv(plan, points));
  files.set('summary-long.csv', summaryLongCsv(plan, points, results));
  const figures: string[] = [];
  for (const chart of plan.charts) {
    const spec = chart.type === 'heatmap' ? heatmapSpec(plan, chart, points) : sweepChartSpec(plan, chart, points);
    files.set(`charts/${chart.name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
    const drawn = await renderChart(spec, spec, chart.name);
    files.set(`charts/${chart.name}.svg`, drawn.svg);
    figures.push(chartFigure(chart.name, drawn));
  }
  files.set('report.html', sweepReportHtml(plan, points, figures));
  return files;
}
