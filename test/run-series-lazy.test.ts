import { expect, test } from 'vitest';
import { runModel } from '../src/index.ts';
import mmc from '../models/mm-c.ts';

// RunResult.series is built on first read. Whoever reads it (reports, --keep-series, a
// worker's structured clone) must see one fixed array with every metric's buckets.
test('a run result built its series once, complete, and they survive a clone', () => {
  const r = runModel(mmc, { seed: 3, durationS: 600, params: { servers: 2, 'arrival-rate': '15/s', 'service-time': '100ms' } });
  const first = r.series;
  expect(r.series).toBe(first);
  const names = first.map((s) => `${s.metric}:${s.stat}`);
  expect(names).toContain('queue_depth:mean');
  expect(names).toContain('servers_wait_s:p99');
  for (const s of first) expect(s.values).toHaveLength(10);
  const departed = first.find((s) => s.metric === 'done_jobs' && s.stat === 'count')!;
  expect(departed.values.reduce((a, b) => a + b, 0)).toBe(r.metrics.customers);
  const cloned = structuredClone(r);
  expect(cloned.series).toEqual(first);
  expect(JSON.parse(JSON.stringify(r)).series.length).toBe(first.length);
});
