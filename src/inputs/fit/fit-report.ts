import { escapeHtml, htmlCharts, htmlPage, htmlTable } from '../../report/html.ts';
import { renderSvg } from '../../report/render-svg.ts';
import { badRowsText, type NumericColumn, VALUE_UNITS } from '../numeric-column.ts';
import { histogramSpec, qqSpec } from './fit-charts.ts';
import type { RankedFit, SampleFit } from './fit-sample.ts';
import { formatSeconds } from './fitted-form.ts';

const r7 = (x: number | null) => (x === null || !Number.isFinite(x) ? null : Number(x.toPrecision(7)));

const RANK_TEXT = {
  aic: 'ranked by AIC (2k - 2 ln L); a form with fewer parameters within 2 of the best ranks first',
  ad: 'ranked by the Anderson–Darling statistic A² (smaller fits better, tails weighted)',
  ks: 'ranked by the Kolmogorov–Smirnov statistic D (smaller fits better)',
} as const;

/** The fits as `fit.json` holds them: one object, keys in a fixed order, numbers to 7 digits. */
export function fitJson(col: NumericColumn, fit: SampleFit): string {
  const body = {
    file: col.file,
    column: col.column,
    unit: col.unit,
    rows: col.rows,
    values: fit.n,
    bad_rows: { total: col.bad.total, empty: col.bad.empty, not_a_number: col.bad.notNumber, negative: col.bad.negative, first_lines: col.bad.lines },
    zeros: fit.zeros,
    mean_s: r7(fit.mean),
    sd_s: r7(fit.sd),
    min_s: r7(fit.min),
    max_s: r7(fit.max),
    rank_by: fit.rankBy,
    fits: fit.ranked.map((f, i) => ({
      rank: i + 1,
      form: f.fit.form,
      spec: f.fit.spec,
      params: Object.fromEntries(Object.entries(f.fit.params).map(([k, v]) => [k, r7(v)])),
      k: f.fit.k,
      n: f.fit.n,
      log_likelihood: r7(f.fit.logLik),
      aic: r7(f.aic),
      delta_aic: r7(f.deltaAic),
      anderson_darling: r7(f.ad),
      ks: r7(f.ks),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** The table `sim fit` prints: rank, form, paste-ready spec, ΔAIC, A², D. */
export function fitTable(col: NumericColumn, fit: SampleFit): string {
  const head = `${col.file}, column '${col.column}' (${col.unit}): ${fit.n.toLocaleString('en-US')} values` +
    `, mean ${formatSeconds(fit.mean)}, sd ${formatSeconds(fit.sd)}, min ${formatSeconds(fit.min)}, max ${formatSeconds(fit.max)}`;
  const lines = [head];
  lines.push(col.bad.total ? `bad rows: ${col.bad.total.toLocaleString('en-US')} of ${col.rows.toLocaleString('en-US')} left out (${badRowsText(col.bad)})` : `bad rows: none of ${col.rows.toLocaleString('en-US')}`);
  if (fit.zeros) lines.push(`${fit.zeros} values are 0: lognormal, gamma and Weibull need values > 0 and were fitted to the other ${fit.n - fit.zeros}`);
  lines.push('');
  const rows = fit.ranked.map((f, i) => [String(i + 1), f.fit.form, num(f.deltaAic, 1), num(f.ad, 2), num(f.ks, 4), f.fit.spec]);
  const header = ['rank', 'form', 'ΔAIC', 'A²', 'KS D', 'spec (paste into a flag or an experiment file)'];
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([2, 3, 4]);
  const fmt = (r: readonly string[]) => `  ${r.map((c, i) => (i === r.length - 1 ? c : right.has(i) ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join('  ')}`;
  lines.push(fmt(header), fmt(w.map((n, i) => (i === w.length - 1 ? '-'.repeat(header[i]!.length) : '-'.repeat(n)))), ...rows.map(fmt));
  lines.push('', `${RANK_TEXT[fit.rankBy]}.`, `best: ${fit.ranked[0]!.fit.spec}`);
  return `${lines.join('\n')}\n`;
}

/** fit.json, the two charts (Vega-Lite and SVG) and report.html, by relative path. */
export async function fitOutputFiles(col: NumericColumn, fit: SampleFit, command: string): Promise<Map<string, string>> {
  const perUnit = VALUE_UNITS[col.unit] ?? 1;
  const files = new Map<string, string>();
  files.set('fit.json', fitJson(col, fit));
  const svgs: string[] = [];
  for (const [name, spec] of [['histogram', histogramSpec(fit, col.unit, perUnit)], ['qq', qqSpec(fit, col.unit, perUnit)]] as const) {
    files.set(`charts/${name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
    const svg = await renderSvg(spec);
    files.set(`charts/${name}.svg`, svg);
    svgs.push(svg);
  }
  files.set('report.html', fitReportHtml(col, fit, svgs, command));
  return files;
}

function fitReportHtml(col: NumericColumn, fit: SampleFit, svgs: readonly string[], command: string): string {
  const table = htmlTable(
    ['rank', 'form', 'spec', 'parameters', 'ΔAIC', 'A²', 'KS D'],
    fit.ranked.map((f, i) => [i + 1, f.fit.form, f.fit.spec, paramsText(f), r7(f.deltaAic), r7(f.ad), r7(f.ks)]),
  );
  const bad = col.bad.total ? `${col.bad.total} of ${col.rows} rows left out: ${badRowsText(col.bad)}.` : `No bad rows among ${col.rows}.`;
  const body = [
    `<p>${escapeHtml(`${fit.n.toLocaleString('en-US')} values of column '${col.column}' (${col.unit}); mean ${formatSeconds(fit.mean)}, sd ${formatSeconds(fit.sd)}, min ${formatSeconds(fit.min)}, max ${formatSeconds(fit.max)}. ${bad}`)}</p>`,
    `<h2>Fits</h2><p>Best: <code>${escapeHtml(fit.ranked[0]!.fit.spec)}</code>, ${escapeHtml(RANK_TEXT[fit.rankBy])}. Each spec is in sim's own syntax: paste it into a flag (<code>--service-time '${escapeHtml(fit.ranked[0]!.fit.spec)}'</code>) or an experiment file.</p>${table}`,
    `<h2>Charts</h2>${htmlCharts(svgs)}`,
    `<p>Reproduce with <code>${escapeHtml(command)}</code></p>`,
  ].join('\n');
  return htmlPage(`sim fit: ${col.file}`, `Distributions fitted by maximum likelihood to column '${col.column}'`, body);
}

function paramsText(f: RankedFit): string {
  if (f.fit.form === 'quantiles') return `${f.fit.k} quantiles from ${formatSeconds(f.fit.params.q0!)} to ${formatSeconds(f.fit.params[`q${f.fit.k - 1}`]!)}`;
  return Object.entries(f.fit.params)
    .map(([k, v]) => `${k} ${k === 'shape' || k === 'mu' || k === 'sigma' ? Number(v.toPrecision(5)) : formatSeconds(v, 5)}`)
    .join(', ');
}

function num(x: number | null, digits: number): string {
  return x === null || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}
