import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { escapeHtml } from './html.ts';
import type { RenderedChart } from './render-svg.ts';

/**
 * Interactive charts in a report that stays one self-contained file: the Vega runtime and
 * vega-embed are inlined into the page (no network, so it opens offline and from an
 * attachment), each chart's compiled Vega spec sits beside its SVG, and a few lines of
 * script swap the SVG for the live chart (tooltips, zoom and pan on time, export to
 * PNG/SVG). Without scripts the SVG is what the reader sees.
 */

/** A chart's figure: the static SVG, its spec, and a caption. */
export function chartFigure(id: string, chart: RenderedChart, caption = ''): string {
  // JSON inside <script> must not contain "</script>": `<` is escaped, which JSON.parse reads back.
  const spec = JSON.stringify(chart.vega).replace(/</g, '\\u003c');
  return (
    `<figure class="vis" id="${escapeHtml(id)}" data-name="${escapeHtml(id)}">` +
    `<div class="vis-static">${chart.svg}</div>` +
    `<script type="application/json" class="vis-spec">${spec}</script>` +
    (caption ? `<figcaption>${caption}</figcaption>` : '') +
    `</figure>`
  );
}

const BOOT = `(function () {
  var figures = document.querySelectorAll('figure.vis');
  var done = 0;
  function settled() { if (++done === figures.length) document.body.setAttribute('data-charts', 'ready'); }
  if (typeof vegaEmbed !== 'function') return;
  figures.forEach(function (fig) {
    var spec = JSON.parse(fig.querySelector('script.vis-spec').textContent);
    var live = document.createElement('div');
    live.className = 'vis-live';
    fig.insertBefore(live, fig.firstChild);
    vegaEmbed(live, spec, { mode: 'vega', renderer: 'svg', downloadFileName: fig.getAttribute('data-name'),
      actions: { export: true, source: false, compiled: false, editor: false } })
      .then(function () { var s = fig.querySelector('.vis-static'); if (s) s.remove(); fig.classList.add('live'); })
      .catch(function (e) { live.remove(); console.error('chart ' + fig.id + ' stays static: ' + e.message); })
      .then(settled);
  });
  if (figures.length === 0) document.body.setAttribute('data-charts', 'ready');
})();`;

let bundle: string | undefined;

/** The scripts at the end of a report with charts: Vega, vega-embed (which carries vega-tooltip), and the boot code. */
export function interactiveScripts(): string {
  if (bundle === undefined) {
    const require = createRequire(import.meta.url);
    // The packages export their module builds only; the minified browser builds sit beside them.
    const vega = readFileSync(join(dirname(require.resolve('vega')), 'vega.min.js'), 'utf8');
    const embed = readFileSync(join(dirname(require.resolve('vega-embed')), 'vega-embed.min.js'), 'utf8');
    bundle = [vega, embed, BOOT].map((js) => `<script>${inlineScript(js)}</script>`).join('\n');
  }
  return bundle;
}

/** Script text safe inside <script>: "</script" can only occur in a string or regex, where "<\\/" means the same. */
function inlineScript(js: string): string {
  return js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}
