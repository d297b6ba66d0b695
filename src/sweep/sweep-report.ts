import { formatDuration } from '../kernel/duration.ts';
import { formatMeanInterval } from '../report/format-interval.ts';
import { type Cell, escapeHtml, formatNumber, htmlPage, htmlTable } from '../report/html.ts';
import { interactiveScripts } from '../report/interactive.ts';
import { metricLabel } from '../report/metric-label.ts';
import { modesText } from './outcome-modes.ts';
import type { PointSummary } from './point-summary.ts';
import { jobCount, pointCount, type SweepPlan } from './sweep-plan.ts';

/** Up to this many points, the results table has a column per point and a row per metric (it reads down); more, a row per point. */
const MAX_POINT_COLUMNS = 12;

/**
 * report.html for a sweep: what was swept, the charts (interactive, with their SVG for
 * readers without scripts), and a table of every point's mean and 95% interval per metric.
 * Self-contained, like a run's report.
 */
export function sweepReportHtml(plan: SweepPlan, points: readonly PointSummary[], figures: readonly string[]): string {
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
  const figure = (pt: PointSummary, m: string): Cell => {
    const s = pt.metrics.get(m)!;
    if (s.mean === null) return null;
    const split = pt.modes?.get(m);
    if (split) return { html: escapeHtml(modesText(split, formatNumber)), cls: 'num' };
    return { html: escapeHtml(formatMeanInterval(s.mean, s.ci95Low, s.ci95High)), cls: 'num' };
  };
  const metricHead = (m: string): Cell => {
    const l = metricLabel(m);
    return { html: `<code>${escapeHtml(m)}</code><br><span class="muted">${escapeHtml(l.words)}${l.unit && l.unit !== '%' ? ` (${escapeHtml(l.unit)})` : l.unit === '%' ? ' (0..1)' : ''}</span>` };
  };
  const pointName = (pt: PointSummary) => plan.axes.map((a, i) => `${a.name}=${a.labels[pt.coordinates[i]!]}`).join(' ');
  const table =
    points.length <= MAX_POINT_COLUMNS
      ? htmlTable(['metric', ...points.map(pointName)], metrics.map((m) => [metricHead(m), ...points.map((pt) => figure(pt, m))]))
      : htmlTable([...plan.axes.map((a) => a.name), ...metrics], points.map((pt) => [...plan.axes.map((a, i) => a.labels[pt.coordinates[i]!]!), ...metrics.map((m) => figure(pt, m))]));
  const body = [
    plan.description ? `<p>${escapeHtml(plan.description)}</p>` : '',
    `<div class="grid"><div><h2>Setup</h2>${setup}</div><div><h2>Grid</h2>${grid}</div><div><h2>Fixed parameters</h2>${fixed}</div></div>`,
    figures.length ? `<h2>Charts</h2><p class="hint">Hover a point for its mean, interval and replications; the menu (…) saves a chart as SVG or PNG.</p><div class="sweep-charts">${figures.join('\n')}</div>` : '',
    `<h2>Results per point</h2><p>${reps > 1 ? `Mean over ${reps} replications ± half the 95% confidence interval (Student's t), to the precision the interval supports; a mean without ± had the same value in every replication.` : 'One replication per point.'}${splitNote(points)} Every run is in sweep.csv; means, standard deviations and intervals in summary.csv (one row per point) and summary-long.csv (one row per point and metric).</p>`,
    `<div class="scroll">${table}</div>`,
  ].join('\n');
  return htmlPage(`sim sweep: ${plan.experiment}`, `${plan.model}: ${pointCount(plan)} points × ${reps} replications`, body, figures.length ? interactiveScripts() : '');
}

/** Said once when some cell shows a split instead of a mean. */
function splitNote(points: readonly PointSummary[]): string {
  if (!points.some((p) => p.modes && p.modes.size > 0)) return '';
  return ' Where the replications of a point fell into two outcomes (some recovered, some collapsed), the cell shows the split instead: the share of replications in each outcome and its median, since a mean ± interval would describe neither.';
}
