import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mmc from '../../models/mm-c.ts';
import thunderingHerd from '../../models/thundering-herd.ts';
import { InProcessBackend } from '../../src/check/in-process-backend.ts';
import { compareOutputFiles } from '../../src/compare/compare-output.ts';
import { compareRuns } from '../../src/compare/comparison.ts';
import { readRunDir } from '../../src/compare/read-run-dir.ts';
import { modelFile } from '../../src/model/load-model.ts';
import { runModel } from '../../src/model/run-model.ts';
import { runPlan } from '../../src/plan/run-plan.ts';
import { planOutputFiles } from '../../src/plan/plan-output.ts';
import { parseSlos } from '../../src/plan/slo.ts';
import { findings } from '../../src/report/findings.ts';
import { writeOutDir } from '../../src/report/output-dir.ts';
import { reproduceCommand } from '../../src/report/reproduce-command.ts';
import { runDataFiles } from '../../src/report/run-data-files.ts';
import { runOutputFiles } from '../../src/report/run-report.ts';
import { loadExperiment } from '../../src/sweep/experiment.ts';
import { runSweep } from '../../src/sweep/run-sweep.ts';

/**
 * thundering-herd scaled down so the herd at 01:00 falls in a 63-minute run that takes a
 * second: 1,000 hourly jobs against a 40-connection pool on one core still exhaust it.
 */
export const SMALL_HERD = { 'api-rate': '60/s', 'hourly-jobs': '1000', 'pool-size': '40', 'db-cores': '1' } as const;
export const SMALL_HERD_FLAGS = Object.entries(SMALL_HERD).flatMap(([k, v]) => [`--${k}`, v]);
export const SMALL_HERD_S = 63 * 60;

/** A small thundering-herd run's output directory, written as `sim run` writes it. */
export async function writeHerdRun(dir: string, extra: Record<string, string> = {}, start?: string): Promise<string> {
  const r = runModel(thunderingHerd, { seed: 1, durationS: SMALL_HERD_S, params: { ...SMALL_HERD, ...extra } });
  writeOutDir(dir, await runOutputFiles(r, findings(r), { model: thunderingHerd, ...(start ? { start } : {}) }));
  return dir;
}

/** A small thundering-herd run's data files only (run.json, summary.json, timeseries.csv): what sim compare reads. */
export function writeHerdRunData(dir: string, extra: Record<string, string> = {}): string {
  const r = runModel(thunderingHerd, { seed: 1, durationS: SMALL_HERD_S, params: { ...SMALL_HERD, ...extra } });
  writeOutDir(dir, runDataFiles(r, findings(r), '00:00', null, reproduceCommand(r)));
  return dir;
}

/** A compare of the small herd without and with 15 minutes of jitter. */
export async function writeHerdCompare(dir: string, a: string, b: string): Promise<string> {
  writeOutDir(dir, await compareOutputFiles(compareRuns([readRunDir(a), readRunDir(b)])), '--out');
  return dir;
}

/** A two-point, two-replication M/M/c sweep with a chart, on one thread. */
export async function writeSmallSweep(dir: string, keepSeries = false): Promise<string> {
  const file = join(dir, 'servers.yaml');
  writeFileSync(file, 'model: mm-c\nduration: 2m\nreplications: 2\ngrid:\n  servers: [10, 12]\n  service-time: [100ms, 105ms]\ncharts:\n  - { metric: wait_mean_s, x: servers, color: service-time }\n');
  const out = join(dir, 'sweep');
  await runSweep(await loadExperiment(file), { out, threads: 1, keepSeries });
  return out;
}

/** A plan for the smallest M/M/c server count that keeps the mean wait under 50 ms. */
export async function writeSmallPlan(dir: string): Promise<string> {
  const result = await runPlan(
    {
      model: mmc,
      modelFile: modelFile('mm-c'),
      goal: 'smallest',
      param: 'servers',
      spec: mmc.params.servers!,
      lo: 8,
      hi: 16,
      resolution: 1,
      gridPoints: 4,
      fixed: {},
      durationS: 120,
      seeds: [1, 2],
      slos: parseSlos(['wait_mean_s < 0.05'], 'mean'),
      criterion: 'mean',
    },
    new InProcessBackend(),
    join(dir, 'cache'),
  );
  const out = join(dir, 'plan');
  writeOutDir(out, await planOutputFiles(result));
  return out;
}
