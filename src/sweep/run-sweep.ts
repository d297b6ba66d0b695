import { basename, dirname, join, resolve } from 'node:path';
import { checkFileWritable } from '../files/write-file-atomic.ts';
import { InputError } from '../input-error.ts';
import type { RunLimits } from '../kernel/run-limits.ts';
import { OutputDir } from '../report/output-dir.ts';
import { codeHash, jobKey } from './code-hash.ts';
import type { Experiment } from './experiment.ts';
import { JobCache } from './job-cache.ts';
import type { JobMetrics } from './point-summary.ts';
import { inShard, type Shard } from './shard.ts';
import { shardFileText } from './shard-file.ts';
import { jobCount, pointCount, pointLabel, sweepJob } from './sweep-plan.ts';
import { sweepOutputFiles } from './sweep-output-files.ts';
import { type JobRequest, RunFailed, RunRefused, ThreadPool } from './thread-pool.ts';

export interface SweepRunOptions {
  /** Output directory; replaced atomically when the sweep completes. */
  readonly out: string;
  /** Worker threads. */
  readonly threads: number;
  /** Run only this shard and write shard.json for `sim merge`. @default the whole sweep */
  readonly shard?: Shard;
  /** Called once with the runs found in the resume cache, then after every finished run. */
  readonly onProgress?: (p: SweepProgress) => void;
  /** Stops the workers; finished runs stay in the resume cache. */
  readonly signal?: AbortSignal;
  /** What each run may do. @default DEFAULT_RUN_LIMITS */
  readonly limits?: RunLimits;
}

export interface SweepProgress {
  /** Runs (point × seed) of this sweep or shard, done so far, and in all. */
  readonly runsDone: number;
  readonly runsTotal: number;
  /** Runs taken from the resume cache instead of being run. */
  readonly runsCached: number;
  /** Grid points whose runs (in this shard) are all done, and in all. */
  readonly pointsDone: number;
  readonly pointsTotal: number;
  /** The point this run completed, if it completed one: `arrival-rate=90/s servers=10`. */
  readonly finishedPoint?: string;
}

export interface SweepOutcome {
  readonly out: string;
  readonly runs: number;
  readonly runsCached: number;
  readonly points: number;
  readonly charts: number;
  /** Where finished runs are kept until the outputs are written. */
  readonly cacheDir: string;
}

/** The hidden sibling of the output directory where an unfinished sweep keeps its runs. */
export function resumeCacheDir(out: string): string {
  const abs = resolve(out);
  return join(dirname(abs), `.${basename(abs)}.partial`);
}

/**
 * Runs an experiment (or one shard of it) on worker threads and writes its outputs. Each
 * finished run is appended to a resume cache first, so an interrupted sweep, run again,
 * skips what it had done; results are keyed by run index, so the bytes written do not
 * depend on the thread count, the finishing order or what came from the cache.
 */
export async function runSweep(exp: Experiment, opts: SweepRunOptions): Promise<SweepOutcome> {
  // Taken first: a second sweep into the same directory stops here, before it runs anything.
  const outDir = OutputDir.open(opts.out);
  try {
    return await sweepInto(exp, opts, outDir);
  } finally {
    outDir.release();
  }
}

async function sweepInto(exp: Experiment, opts: SweepRunOptions, outDir: OutputDir): Promise<SweepOutcome> {
  const { plan } = exp;
  const cacheDir = resumeCacheDir(opts.out);
  const cache = new JobCache(cacheDir);
  // Each finished run goes to the cache at once: where it cannot, say so before running.
  checkFileWritable(join(cacheDir, 'runs.jsonl'), 'the resume cache');
  const code = codeHash(exp.modelFile);

  const mine: number[] = [];
  for (let j = 0; j < jobCount(plan); j++) if (!opts.shard || inShard(opts.shard, j)) mine.push(j);
  const results = new Map<number, JobMetrics>();
  const keys = new Map<number, string>();
  const pending: JobRequest[] = [];
  const left = new Map<number, number>(); // point -> runs of this shard not yet done
  for (const j of mine) {
    const job = sweepJob(plan, j);
    const key = jobKey(code, plan.model, job.params, plan.durationS, job.seed);
    keys.set(j, key);
    const hit = cache.get(key);
    if (hit) results.set(j, hit);
    else {
      pending.push({ index: j, seed: job.seed, durationS: plan.durationS, params: job.params });
      left.set(job.point, (left.get(job.point) ?? 0) + 1);
    }
  }
  const pointsTotal = new Set(mine.map((j) => sweepJob(plan, j).point)).size;
  const runsCached = results.size;
  let pointsDone = pointsTotal - left.size;
  const progress = (finishedPoint?: string) =>
    opts.onProgress?.({ runsDone: results.size, runsTotal: mine.length, runsCached, pointsDone, pointsTotal, ...(finishedPoint ? { finishedPoint } : {}) });
  progress();

  try {
    await new ThreadPool(opts.threads, { modelFile: exp.modelFile, ...(opts.limits ? { limits: opts.limits } : {}) }).run(
      pending,
      (index, metrics) => {
        cache.add(keys.get(index)!, metrics);
        results.set(index, metrics);
        const point = sweepJob(plan, index).point;
        const n = left.get(point)! - 1;
        left.set(point, n);
        if (n === 0) pointsDone++;
        progress(n === 0 ? pointLabel(plan, point) : undefined);
      },
      opts.signal,
    );
  } catch (e) {
    if (e instanceof RunRefused) {
      const job = sweepJob(plan, e.index);
      throw new InputError(`run ${e.index} (${pointLabel(plan, job.point)}, seed ${job.seed}): ${e.message}`);
    }
    if (!(e instanceof RunFailed)) throw e;
    const job = sweepJob(plan, e.index);
    throw new Error(`run ${e.index} (${pointLabel(plan, job.point)}, seed ${job.seed}) failed: ${e.reason}`);
  } finally {
    cache.close();
  }

  let files: Map<string, string>;
  if (opts.shard) {
    const runs = mine.map((index) => ({ index, metrics: results.get(index)! }));
    files = new Map([['shard.json', shardFileText({ shard: opts.shard, code, plan, runs })]]);
  } else {
    files = await sweepOutputFiles(plan, mine.map((j) => results.get(j)!));
  }
  outDir.commit(files);
  cache.remove();
  return { out: opts.out, runs: mine.length, runsCached, points: opts.shard ? pointsTotal : pointCount(plan), charts: opts.shard ? 0 : plan.charts.length, cacheDir };
}
