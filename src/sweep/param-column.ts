import type { ParamJson } from '../model/param.ts';

/**
 * How a parameter appears as a CSV column: snake_case, so that pandas' `df.query` and R
 * take it as a name, with its unit where its values are numbers in one (`jitter` ->
 * `jitter_s`, `api-rate` -> `api_rate_per_s`, `batch-size` -> `batch_size`).
 * Unlimited is `inf` (see paramCell).
 */
const UNIT_SUFFIX: Record<string, string> = { s: '_s', ms: '_ms', '/s': '_per_s', mb: '_mb' };

export function paramColumn(name: string, unit: string, values: readonly ParamJson[]): string {
  const snake = name.replace(/-/g, '_');
  const numeric = values.every((v) => typeof v === 'number' || v === 'unlimited');
  // As metric names: a unit suffix for time, rates and sizes; plain counts (jobs, workers) have none.
  const suffix = numeric ? (UNIT_SUFFIX[unit.toLowerCase()] ?? '') : '';
  return snake.endsWith(suffix) ? snake : `${snake}${suffix}`;
}

/**
 * A parameter value in a CSV cell: numbers as JavaScript prints them, and "no limit" as
 * `inf`, which pandas, R and numpy read as infinity, so a column of limits stays numeric.
 */
export function paramCell(v: ParamJson): string {
  return v === 'unlimited' ? 'inf' : String(v);
}
