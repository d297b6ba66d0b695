import type { TopLevelSpec } from 'vega-lite';
import type { Series } from '../metrics/series.ts';
import type { ChartDefinition } from './chart-definition.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 640;
const HEIGHT = 220;

/** Time axis in the unit that keeps tick labels short for this run length. */
export function timeAxis(endS: number): { unit: string; perS: number } {
  if (endS >= 3 * 86400) return { unit: 'd', perS: 1 / 86400 };
  if (endS >= 3 * 3600) return { unit: 'h', perS: 1 / 3600 };
  if (endS >= 180) return { unit: 'min', perS: 1 / 60 };
  return { unit: 's', perS: 1 };
}

/**
 * A Vega-Lite line chart of the requested series against time, with the data inline so the
 * spec stands alone. Values sit at the start of their time bucket.
 */
export function timeChartSpec(def: ChartDefinition, series: readonly Series[], bucketS: number, endS: number): TopLevelSpec {
  const axis = timeAxis(endS);
  const scale = def.scale ?? 1;
  const values: { t: number; series: string; value: number }[] = [];
  for (const line of def.lines) {
    const s = series.find((x) => x.metric === line.metric && x.stat === line.stat);
    if (!s) throw new Error(`chart '${def.name}' asks for ${line.metric}/${line.stat}, which no metric produced`);
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      let y = (line.perS ? v / bucketS : v) * scale;
      if (def.logScale && y <= 0) return;
      y = Number(y.toPrecision(6));
      values.push({ t: Number((i * bucketS * axis.perS).toPrecision(8)), series: line.label, value: y });
    });
  }
  const x = { field: 't', type: 'quantitative' as const, title: `time (${axis.unit})`, scale: { domain: [0, Number((endS * axis.perS).toPrecision(8))], nice: false } };
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
      encoding: {
        x,
        y: { field: 'value', type: 'quantitative', title: def.yTitle, scale: def.logScale ? { type: 'log' } : { zero: true } },
        color: { field: 'series', type: 'nominal', title: null, sort: def.lines.map((l) => l.label) },
      },
    },
  ];
  const rules = def.rules ?? [];
  if (rules.length) {
    layers.push({
      data: { values: rules.map((r) => ({ y: r.y * 1, label: r.label })) },
      mark: { type: 'rule', strokeDash: [6, 4], color: '#b22' },
      encoding: { y: { field: 'y', type: 'quantitative' } },
    });
    layers.push({
      data: { values: rules.map((r) => ({ y: r.y * 1, label: r.label })) },
      mark: { type: 'text', align: 'right', dy: -6, color: '#b22', x: WIDTH - 4 },
      encoding: { y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
    });
  }
  const marks = [...(def.marks ?? [])];
  if (def.every) for (let t = def.every.s; t < endS; t += def.every.s) marks.push({ t, label: def.every.label });
  if (marks.length) {
    const data = { values: marks.map((m) => ({ t: Number((m.t * axis.perS).toPrecision(8)), label: m.label })) };
    layers.push({ data, mark: { type: 'rule', color: '#888', strokeDash: [2, 3] }, encoding: { x: { field: 't', type: 'quantitative' } } });
    layers.push({ data, mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, y: 2, color: '#666', fontSize: 9 }, encoding: { x: { field: 't', type: 'quantitative' }, text: { field: 'label' } } });
  }
  return {
    $schema: SCHEMA,
    title: def.title,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    layer: layers,
    config: { font: 'sans-serif', legend: { orient: 'bottom' } },
  } as unknown as TopLevelSpec;
}
