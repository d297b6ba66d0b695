import type { TopLevelSpec } from 'vega-lite';
import type { SampleFit } from './fit-sample.ts';
import { sampleQuantile } from './quantiles-fit.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 560;
const HEIGHT = 260;
/** The histogram's x axis stops at this quantile, so a long tail does not squash the body. */
const UPPER_P = 0.995;
const GRID = 160;
const QQ_POINTS = 100;

const r6 = (x: number) => Number(x.toPrecision(6));

/**
 * Histogram of the sample as a density, with each fitted form's density drawn over it, in the
 * data's own unit. Bin width by the Freedman–Diaconis rule (2·IQR·n^(-1/3)), 10 to 80 bins.
 */
export function histogramSpec(fit: SampleFit, unit: string, perUnit: number): TopLevelSpec {
  const s = fit.sorted;
  const lo = fit.min;
  const hi = Math.max(sampleQuantile(s, UPPER_P), lo + (fit.max - lo) * 1e-6);
  const iqr = sampleQuantile(s, 0.75) - sampleQuantile(s, 0.25);
  const fd = iqr > 0 ? 2 * iqr * Math.cbrt(1 / fit.n) : (hi - lo) / 20;
  const bins = Math.min(80, Math.max(10, Math.ceil((hi - lo) / fd)));
  const w = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const x of s) {
    if (x > hi) break;
    counts[Math.min(bins - 1, Math.floor((x - lo) / w))]!++;
  }
  const bars = counts.map((c, i) => ({ x0: r6((lo + i * w) / perUnit), x1: r6((lo + (i + 1) * w) / perUnit), density: r6((c / (fit.n * w)) * perUnit) }));
  const lines: { x: number; density: number; form: string }[] = [];
  for (const f of fit.ranked) {
    for (let i = 0; i <= GRID; i++) {
      const x = lo + ((hi - lo) * i) / GRID;
      const d = f.fit.pdf(x);
      if (Number.isFinite(d)) lines.push({ x: r6(x / perUnit), density: r6(d * perUnit), form: f.fit.spec.length > 40 ? f.fit.form : f.fit.spec });
    }
  }
  const x = { type: 'quantitative' as const, title: `value (${unit}), up to the 99.5th percentile`, scale: { domain: [r6(lo / perUnit), r6(hi / perUnit)], nice: false } };
  return {
    $schema: SCHEMA,
    title: `Histogram of ${fit.n.toLocaleString('en-US')} values and the fitted densities`,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: bars },
        mark: { type: 'rect', color: '#c8d3e0' },
        encoding: { x: { field: 'x0', ...x }, x2: { field: 'x1' }, y: { field: 'density', type: 'quantitative', title: `density (per ${unit})` } },
      },
      {
        data: { values: lines },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'x', ...x },
          y: { field: 'density', type: 'quantitative' },
          color: { field: 'form', type: 'nominal', title: null, sort: fit.ranked.map((f) => (f.fit.spec.length > 40 ? f.fit.form : f.fit.spec)) },
        },
      },
    ],
    config: { font: 'sans-serif', legend: { orient: 'bottom', columns: 2, labelLimit: 320 } },
  } as unknown as TopLevelSpec;
}

/**
 * Q–Q plot: the sample's quantiles against each form's, at probabilities (j - 0.5)/m for
 * m = 100 points. A form that fits lies on the diagonal; a tail bending away from it is where
 * the form under- or over-states the data.
 */
export function qqSpec(fit: SampleFit, unit: string, perUnit: number): TopLevelSpec {
  const m = Math.min(QQ_POINTS, fit.n);
  const points: { theoretical: number; sample: number; form: string }[] = [];
  for (const f of fit.ranked) {
    for (let j = 1; j <= m; j++) {
      const p = (j - 0.5) / m;
      const t = f.fit.quantile(p);
      if (Number.isFinite(t)) points.push({ theoretical: r6(t / perUnit), sample: r6(sampleQuantile(fit.sorted, p) / perUnit), form: f.fit.form });
    }
  }
  const top = r6(sampleQuantile(fit.sorted, (m - 0.5) / m) / perUnit);
  const bottom = r6(fit.min / perUnit);
  return {
    $schema: SCHEMA,
    title: 'Q–Q plot: sample quantiles against each fitted form\'s',
    width: WIDTH,
    height: HEIGHT + 60,
    layer: [
      {
        data: { values: [{ theoretical: bottom, sample: bottom }, { theoretical: top, sample: top }] },
        mark: { type: 'line', color: '#888', strokeDash: [4, 3] },
        encoding: { x: { field: 'theoretical', type: 'quantitative' }, y: { field: 'sample', type: 'quantitative' } },
      },
      {
        data: { values: points },
        mark: { type: 'point', size: 14, filled: true, opacity: 0.75 },
        encoding: {
          x: { field: 'theoretical', type: 'quantitative', title: `fitted form's quantile (${unit})` },
          y: { field: 'sample', type: 'quantitative', title: `sample quantile (${unit})` },
          color: { field: 'form', type: 'nominal', title: null, sort: fit.ranked.map((f) => f.fit.form) },
        },
      },
    ],
    config: { font: 'sans-serif', legend: { orient: 'bottom' } },
  } as unknown as TopLevelSpec;
}
