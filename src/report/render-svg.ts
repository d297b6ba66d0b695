import type { TopLevelSpec } from 'vega-lite';

/** A chart drawn for the page: its SVG (for readers without scripts, and charts/*.svg) and the Vega spec the page makes interactive. */
export interface RenderedChart {
  readonly svg: string;
  /** Vega (not Vega-Lite) spec: compiled here, so the page needs the Vega runtime only. */
  readonly vega: object;
}

/**
 * Renders a Vega-Lite spec to SVG in Node: Vega-Lite compiles it to Vega, and Vega's
 * headless View draws it with no browser and no canvas. Text is measured by Vega's
 * built-in estimate, so the same spec gives the same bytes on every machine.
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix = 'chart'): Promise<string> {
  return (await renderChart(spec, spec, idPrefix)).svg;
}

/**
 * A chart for the page: the SVG drawn from `spec`, and `interactive` (the same chart with
 * its hover and zoom layers, which would only add bytes to an SVG) compiled for the browser.
 */
export async function renderChart(spec: TopLevelSpec, interactive: TopLevelSpec = spec, idPrefix = 'chart'): Promise<RenderedChart> {
  // Loaded on first use: Vega takes a third of a second to import, which list, describe
  // and sweep workers need not pay.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  // Vega-Lite's warnings are about specs sim writes itself (e.g. "Maximum optimization runs
  // reached" for a faceted heatmap): noise on a user's console, so only errors are logged.
  const compiled = compile(spec, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return { svg: scopeSvgIds(await view.toSVG(), idPrefix), vega: interactive === spec ? compiled : compile(interactive).spec };
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers the clip paths it draws from a counter shared by every view in the process
 * (`clip7`), so the same chart would come out with other ids after other charts, and two
 * SVGs inlined in one page could point at each other's clips. Ids are renumbered in order
 * of appearance under a prefix naming the chart.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, `${prefix}-${ids.size + 1}`);
  if (ids.size === 0) return svg;
  return svg.replace(/\bid="([^"]+)"|url\(#([^)]+)\)/g, (all, id: string | undefined, ref: string | undefined) => {
    if (id !== undefined) return `id="${ids.get(id)}"`;
    const to = ids.get(ref!);
    return to ? `url(#${to})` : all;
  });
}
