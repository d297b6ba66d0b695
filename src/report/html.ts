/** Small helpers for the self-contained HTML reports (no external resources: they open offline). */

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A table cell: text (escaped), a number (formatted), none, or markup already escaped with a class. */
export type Cell = string | number | null | { readonly html: string; readonly cls?: string };

/** A table from a header row and body rows; `rowClass` marks rows (e.g. parameters that differ). */
export function htmlTable(head: readonly string[], rows: readonly (readonly Cell[])[], rowClass?: (i: number) => string): string {
  const cell = (v: Cell) =>
    v === null
      ? '<td class="na">–</td>'
      : typeof v === 'number'
        ? `<td class="num">${escapeHtml(formatNumber(v))}</td>`
        : typeof v === 'string'
          ? `<td>${escapeHtml(v)}</td>`
          : `<td${v.cls ? ` class="${v.cls}"` : ''}>${v.html}</td>`;
  const tr = (r: readonly Cell[], i: number) => `<tr${rowClass?.(i) ? ` class="${rowClass(i)}"` : ''}>${r.map(cell).join('')}</tr>`;
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map(tr).join('')}</tbody></table>`;
}

/** Numbers for people: integers with separators, others to 4 significant digits. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  if (a >= 1e4) return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toPrecision(4)));
}

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:1.5rem auto;max-width:80rem;padding:0 1.25rem;color:#222}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:1.8rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}h3{font-size:1rem;margin:1.2rem 0 .3rem}
.sub{color:#555;margin-top:0}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f4f4f4;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.na{color:#999;text-align:center}
tr.differs td{background:#fff6dd}.better{color:#1a7f37}.worse{color:#b42318}.muted{color:#777}
.vis{margin:.6rem 0 1rem;padding:0}.vis svg{max-width:100%;height:auto}.vis figcaption{color:#555;font-size:.9rem;margin-top:.2rem}
.vis-live .vega-embed{display:block}.hint{color:#666;font-size:.85rem;margin:.2rem 0}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.chart{border:1px solid #eee;padding:.5rem}
.finding{border-left:4px solid #999;padding:.3rem .8rem;margin:.6rem 0;background:#fafafa}
.finding.critical{border-color:#c0392b}.finding.warning{border-color:#e67e22}.finding.info{border-color:#2980b9}
.finding .sev{font-weight:600;text-transform:uppercase;font-size:.8rem}code{background:#f4f4f4;padding:0 .25rem}
pre.cmd{background:#f4f4f4;padding:.5rem .75rem;white-space:pre-wrap;word-break:break-word;font-size:.85rem}
details>summary{cursor:pointer;color:#333}.scroll{overflow-x:auto}
.sweep-charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(36rem,1fr));gap:.5rem 1.5rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(24rem,1fr));gap:1.5rem}`;

/** A whole page: title, subtitle, body sections already rendered, and the scripts (if any) at the end. */
export function htmlPage(title: string, subtitle: string, body: string, scripts = ''): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1><p class="sub">${escapeHtml(subtitle)}</p>
${body}
${scripts}</body></html>
`;
}

/** Inline SVG charts, each in a box. */
export function htmlCharts(svgs: readonly string[]): string {
  return `<div class="charts">${svgs.map((s) => `<div class="chart">${s}</div>`).join('\n')}</div>`;
}
