import type { RunResult } from '../model/run-model.ts';

/** summary.json: `{ model, seed, params, metrics }`, keys in declaration order, 2-space indent. */
export function summaryJson(r: RunResult): string {
  return `${JSON.stringify({ model: r.model, seed: r.seed, params: r.params, metrics: r.metrics }, null, 2)}\n`;
}
