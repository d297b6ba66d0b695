import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to SVG in Node: Vega-Lite compiles it to Vega, and Vega's
 * headless View draws it with no browser and no canvas. Text is measured by Vega's
 * built-in estimate, so the same spec gives the same bytes on every machine.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
