import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadExperiment } from '../src/sweep/experiment.ts';
import type { Experiment } from '../src/sweep/experiment.ts';

/** A small, fast sweep of the mm-c model: 4 points × 2 seeds of 2 simulated minutes. */
export const SMALL_SWEEP = `model: mm-c
description: a tiny sweep for tests
duration: 2m
replications: 2
params:
  service-time: 100ms
grid:
  arrival-rate: [70/s, 90/s]
  servers: [10, 12]
charts:
  - { metric: wait_mean_s, color: servers, log: true }
`;

/** Writes an experiment file into dir and loads it. */
export async function experimentIn(dir: string, text: string, name = 'small.yaml'): Promise<Experiment> {
  const file = join(dir, name);
  writeFileSync(file, text);
  return loadExperiment(file);
}
