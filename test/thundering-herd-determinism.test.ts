import { describe, expect, test } from 'vitest';
import model from '../models/thundering-herd.ts';
import { runModel } from '../src/index.ts';
import { runOutputFiles } from '../src/report/run-report.ts';

// A smaller system with the same mechanisms, so the herd at :00 is in a short run.
const OPTS = { durationS: 63 * 60, params: { 'api-rate': '60/s', 'hourly-jobs': 1000, 'pool-size': 40, 'db-cores': 1 } };

describe('thundering-herd determinism', () => {
  test('the same seed gives identical metrics, series and output files', async () => {
    const a = runModel(model, { seed: 3, ...OPTS });
    const b = runModel(model, { seed: 3, ...OPTS });
    expect(a.metrics.api_errors).toBeGreaterThan(0);
    expect(b.metrics).toEqual(a.metrics);
    expect(b.series).toEqual(a.series);
    const [fa, fb] = await Promise.all([runOutputFiles(a), runOutputFiles(b)]);
    expect([...fb.keys()]).toEqual([...fa.keys()]);
    for (const [name, content] of fa) expect(fb.get(name), name).toBe(content);
  });

  test('a different seed gives different numbers', () => {
    const a = runModel(model, { seed: 3, ...OPTS });
    const c = runModel(model, { seed: 4, ...OPTS });
    expect(c.metrics.api_requests).not.toBe(a.metrics.api_requests);
  });
});
