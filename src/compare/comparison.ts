import { realpathSync } from 'node:fs';
import { InputError } from '../input-error.ts';
import type { RunOnDisk } from './read-run-dir.ts';

/** Two or more runs side by side: who they are, what differs, and every metric against the first. */
export interface Comparison {
  readonly runs: readonly ComparedRun[];
  /** Every parameter of any run, by flag name, in the first run's order, then the others'. */
  readonly params: readonly { readonly name: string; readonly values: readonly (string | null)[]; readonly differs: boolean }[];
  readonly metrics: readonly ComparedMetric[];
}

export interface ComparedRun {
  readonly run: RunOnDisk;
  /** Short name in tables and legends: what sets it apart (`jitter=15m`), else `run 2`. */
  readonly label: string;
}

export interface ComparedMetric {
  readonly name: string;
  /** Per run, in argument order; null where a run has no value. */
  readonly values: readonly (number | null)[];
  /** Run i minus the first run; null where either has no value. The first run's is 0. */
  readonly deltas: readonly (number | null)[];
  /** Run i over the first run; null where undefined (no value, or the first is 0 and run i is not). */
  readonly ratios: readonly (number | null)[];
}

/** Labels this long or shorter name a run by its differing parameters; longer ones fall back to `run N`. */
const MAX_LABEL = 40;

/** Runs of different models compare only when asked to: their metrics rarely mean the same things. */
export function compareRuns(runs: readonly RunOnDisk[], allowDifferentModels = false): Comparison {
  if (runs.length < 2) throw new InputError(`sim compare needs two or more runs, got ${runs.length}; give two run output directories (or a sweep with --keep-series and two or more points)`);
  // By where the files are: `a`, `./a` and a link to it name one run (outputs are links to versions).
  const dirs = new Set<string>();
  for (const r of runs) {
    const real = realpathSync(r.dir);
    if (dirs.has(real)) throw new InputError(`'${r.dir}' is given twice; give each run once`);
    dirs.add(real);
  }
  const models = [...new Set(runs.map((r) => r.doc.model))];
  if (models.length > 1 && !allowDifferentModels) {
    throw new InputError(`the runs are of different models (${models.join(', ')}); compare runs of one model, or pass --allow-different-models to compare them anyway`);
  }

  const names = unique(runs.flatMap((r) => [...Object.keys(r.doc.param_text), 'seed', 'start'].filter((k) => k !== 'duration').concat('duration')));
  const text = (r: RunOnDisk, name: string): string | null => (name === 'seed' ? String(r.doc.seed) : name === 'start' ? r.doc.start : (r.doc.param_text[name] ?? null));
  const params = names.map((name) => {
    const values = runs.map((r) => text(r, name));
    return { name, values, differs: values.some((v) => v !== values[0]) };
  });

  const labels = runLabels(runs, params, models.length > 1);
  const metricNames = unique(runs.flatMap((r) => Object.keys(r.doc.metrics)));
  const metrics = metricNames.map((name): ComparedMetric => {
    const values = runs.map((r) => r.doc.metrics[name] ?? null);
    const base = values[0] ?? null;
    return {
      name,
      values,
      deltas: values.map((v) => (v === null || base === null ? null : round(v - base))),
      ratios: values.map((v) => (v === null || base === null ? null : base === 0 ? (v === 0 ? 1 : null) : round(v / base))),
    };
  });
  return { runs: runs.map((run, i) => ({ run, label: labels[i]! })), params, metrics };
}

function runLabels(runs: readonly RunOnDisk[], params: Comparison['params'], byModel: boolean): string[] {
  const differing = params.filter((p) => p.differs);
  let labels = runs.map((r, i) => {
    const parts = differing.map((p) => `${p.name}=${p.values[i] ?? '–'}`);
    return (byModel ? [r.doc.model, ...parts] : parts).join(' ');
  });
  if (labels.some((l) => l === '' || l.length > MAX_LABEL) || new Set(labels).size < labels.length) labels = runs.map((r, i) => (byModel ? `${r.doc.model} (run ${i + 1})` : `run ${i + 1}`));
  return labels;
}

/** Seven significant digits, like every figure sim writes. */
function round(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(7)) : v;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
