import { formatDuration } from '../kernel/duration.ts';
import { escapeHtml, formatNumber, htmlCharts, htmlPage, htmlTable } from '../report/html.ts';
import { modesText } from './outcome-modes.ts';
import type { PointSummary } from './point-summary.ts';
import { jobCount, pointCount, type SweepPlan } from './sweep-plan.ts';

/**
 * report.html for a sweep: what was swept, the charts, and a table of every point's mean
 * and 95% interval per metric. Self-contained (inline SVG, no scripts), like a run's report.
 */
export function sweepReportHtml(plan: SweepPlan, points: readonly PointSummary[], svgs: readonly string[]): string {
  const setup = htmlTable(
    ['setting', 'value'],
    [
      ['model', plan.model],
      ['simulated time per run', formatDuration(plan.durationS)],
      ['seeds (the same at every point)', plan.seeds.join(', ')],
      ['grid points × replications', `${pointCount(plan)} × ${plan.seeds.length} = ${jobCount(plan)} runs`],
    ],
  );
  const grid = htmlTable(['swept parameter', 'values'], plan.axes.map((a) => [a.name, a.labels.join(', ')]));
  const fixed = htmlTable(['parameter', 'value'], Object.entries(plan.paramText));
  const metrics = points[0] ? [...points[0].metrics.keys()] : [];
  const reps = plan.seeds.length;
  const rows = points.map((pt) => [
    ...plan.axes.map((a, i) => a.labels[pt.coordinates[i]!]!),
    ...metrics.map((m) => {
      const s = pt.metrics.get(m)!;
      if (s.mean === null) return null;
      const split = pt.modes?.get(m);
      if (split) return modesText(split, formatNumber);
      if (s.ci95Low === null || s.ci95High === null) return formatNumber(s.mean);
      return `${formatNumber(s.mean)} ± ${formatNumber((s.ci95High - s.ci95Low) / 2)}`;
    }),
  ]);
  const table = htmlTable([...plan.axes.map((a) => a.name), ...metrics], rows);
  const body = [
    plan.description ? `<p>${escapeHtml(plan.description)}</p>` : '',
    `<div class="grid"><div><h2>Setup</h2>${setup}</div><div><h2>Grid</h2>${grid}</div><div><h2>Fixed parameters</h2>${fixed}</div></div>`,
    svgs.length ? `<h2>Charts</h2>${htmlCharts(svgs)}` : '',
    `<h2>Results per point</h2><p>${reps > 1 ? `Mean over ${reps} replications ± half the 95% confidence interval (Student's t).` : 'One replication per point.'}${splitNote(points)} Every run is in sweep.csv; means, standard deviations and intervals in summary.csv.</p>`,
    `<div style="overflow-x:auto">${table}</div>`,
  ].join('\n');
  return htmlPage(`sim sweep: ${plan.experiment}`, `${plan.model}: ${pointCount(plan)} points × ${reps} replications`, body);
}

/** Said once when some cell shows a split instead of a mean. */
function splitNote(points: readonly PointSummary[]): string {
  if (!points.some((p) => p.modes && p.modes.size > 0)) return '';
  return ' Where the replications of a point fell into two outcomes (some recovered, some collapsed), the cell shows the split instead: the share of replications in each outcome and its median, since a mean ± interval would describe neither.';
}
