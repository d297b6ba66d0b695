import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InProcessBackend } from '../src/check/in-process-backend.ts';
import { erlangC } from '../src/index.ts';
import { modelFile } from '../src/model/load-model.ts';
import { runPlan } from '../src/plan/run-plan.ts';
import { parseSlos } from '../src/plan/slo.ts';
import mmc from '../models/mm-c.ts';

/** The arrival rate at which Erlang C's mean wait equals target, by bisection on the formula. */
function theoryRate(target: number, mu: number, c: number): number {
  let lo = 0.01;
  let hi = c * mu * 0.99999;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (erlangC(mid, mu, c).waitMeanS < target) lo = mid;
    else hi = mid;
  }
  return lo;
}

describe('sim plan on mm-c', () => {
  test('finds the arrival rate where the mean wait crosses 50 ms within 1.5% of Erlang C', async () => {
    const result = await runPlan(
      {
        model: mmc,
        modelFile: modelFile('mm-c'),
        goal: 'largest',
        param: 'arrival-rate',
        spec: mmc.params.arrivalRate,
        lo: 50,
        hi: 99,
        resolution: 0.25,
        gridPoints: 6,
        fixed: { servers: 10, 'service-time': '100ms' },
        durationS: 3600,
        seeds: [1, 2, 3, 4],
        slos: parseSlos(['wait_mean_s < 0.05'], 'mean'),
        criterion: 'mean',
      },
      new InProcessBackend(),
      mkdtempSync(join(tmpdir(), 'plan-cache-')),
    );
    const theory = theoryRate(0.05, 10, 10); // about 87.4/s
    expect(result.outcome.kind).toBe('answer');
    if (result.outcome.kind !== 'answer') return;
    expect(Math.abs(result.outcome.value - theory) / theory).toBeLessThan(0.015);
    // The points tried pass below the answer and fail above it.
    for (const p of result.points) expect(p.pass).toBe(p.value <= result.outcome.value);
  });
});
