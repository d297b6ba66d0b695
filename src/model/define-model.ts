import type { ChartDefinition } from '../report/chart-definition.ts';
import type { ModelContext } from './model-context.ts';
import type { ParamSpecs, ParamValues } from './param.ts';

/** What a model's build returns: how to read its results once the run is over. */
export interface ModelOutputs {
  /**
   * The run's headline numbers, called after metrics close. Names are snake_case with a
   * unit suffix where there is a unit (`_ms`, `_s`, `_mb`, `_ratio`, `_per_s`).
   */
  summary(): Record<string, number>;
  charts?: readonly ChartDefinition[];
}

export interface ModelDefinition<P extends ParamSpecs = ParamSpecs> {
  /** kebab-case, as typed after `sim run`. */
  readonly name: string;
  /** One line for `sim list`. */
  readonly summary: string;
  /** Paragraphs for `sim describe` and the report: the system, the incident, what it reproduces. */
  readonly description?: string;
  /**
   * Where the model's figures are held against its incident's, figure by figure (a path from
   * the repository root, or a URL); `sim describe` points to it.
   */
  readonly fidelity?: string;
  readonly params: P;
  /** Default run length (`8h`), overridden by --duration. */
  readonly duration: string;
  /** Width of a metrics time bucket. @default '1m' */
  readonly bucket?: string;
  build(ctx: ModelContext, p: ParamValues<P>): ModelOutputs;
}

/** A model as the CLI, sweeps and checks handle it, its parameter types erased. */
export type Model = ModelDefinition<ParamSpecs>;

/** Declares a model; the identity function that gives `build` its parameter types. */
export function defineModel<P extends ParamSpecs>(def: ModelDefinition<P>): ModelDefinition<P> {
  return def;
}

const MODEL_BRAND = /^[a-z][a-z0-9-]*$/;

/** True if `x` looks like a model declaration (a file's default export). */
export function isModel(x: unknown): x is Model {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Partial<Model>;
  return typeof m.name === 'string' && MODEL_BRAND.test(m.name) && typeof m.build === 'function' && typeof m.params === 'object' && typeof m.duration === 'string';
}
