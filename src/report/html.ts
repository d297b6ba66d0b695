/** Small helpers for the self-contained HTML reports (no scripts, no external resources). */

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A table from a header row and body rows; cells are escaped. */
export type Cell = string | number | null;

export function htmlTable(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cell = (v: Cell) => (v === null ? '<td class="na">–</td>' : typeof v === 'number' ? `<td class="num">${escapeHtml(formatNumber(v))}</td>` : `<td>${escapeHtml(v)}</td>`);
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

/** Numbers for people: integers with separators, others to 4 significant digits. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  if (a >= 1e4) return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toPrecision(4)));
}

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.sub{color:#555;margin-top:0}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.25rem .6rem;text-align:left}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}td.na{color:#999;text-align:center}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.chart{border:1px solid #eee;padding:.5rem}
.finding{border-left:4px solid #999;padding:.3rem .8rem;margin:.6rem 0;background:#fafafa}
.finding.critical{border-color:#c0392b}.finding.warning{border-color:#e67e22}.finding.info{border-color:#2980b9}
.finding .sev{font-weight:600;text-transform:uppercase;font-size:.8rem}code{background:#f4f4f4;padding:0 .25rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}`;

/** A whole page: title, subtitle, and body sections already rendered. */
export function htmlPage(title: string, subtitle: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1><p class="sub">${escapeHtml(subtitle)}</p>
${body}
</body></html>
`;
}

/** Inline SVG charts, each in a box. */
export function htmlCharts(svgs: readonly string[]): string {
  return `<div class="charts">${svgs.map((s) => `<div class="chart">${s}</div>`).join('\n')}</div>`;
}
