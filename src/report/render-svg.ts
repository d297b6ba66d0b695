import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to SVG in Node: Vega-Lite compiles it to Vega, and Vega's
 * headless View draws it with no browser and no canvas. Text is measured by Vega's
 * built-in estimate, so the same spec gives the same bytes on every machine.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // Loaded on first use: Vega takes a third of a second to import, which list, describe
  // and sweep workers need not pay.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  // Vega-Lite's warnings are about specs sim writes itself (e.g. "Maximum optimization runs
  // reached" for a faceted heatmap): noise on a user's console, so only errors are logged.
  const compiled = compile(spec, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return renumberIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers gradient and clip-path ids from counters global to the process, so a chart's
 * bytes would depend on the charts drawn before it (in a sweep, on which thread drew it).
 * Renumbers them in order of appearance within the document.
 */
function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const [, id, kind] of svg.matchAll(/id="((gradient_|clip)\d+)"/g)) if (!ids.has(id!)) ids.set(id!, `${kind}${ids.size}`);
  if (ids.size === 0) return svg;
  return svg.replace(/(id="|url\(#)((?:gradient_|clip)\d+)/g, (m, pre: string, id: string) => (ids.has(id) ? `${pre}${ids.get(id)}` : m));
}
