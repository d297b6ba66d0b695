import { Worker } from 'node:worker_threads';
import { InputError } from '../input-error.ts';
import type { RunLimits } from '../kernel/run-limits.ts';
import type { ParamJson } from '../model/param.ts';
import { COMPILED } from '../package-layout.ts';
import type { JobMetrics } from './point-summary.ts';

export interface WorkerSetup {
  /** Absolute path of the model file every job runs. */
  readonly modelFile: string;
  /** What each run may do. @default DEFAULT_RUN_LIMITS */
  readonly limits?: RunLimits;
}

export interface JobRequest {
  readonly index: number;
  readonly seed: number;
  readonly durationS: number;
  readonly params: Readonly<Record<string, ParamJson>>;
}

/** A run's failure as it crosses from the worker: `input` when it is bad input (an InputError), not a bug. */
export interface JobError {
  readonly name: string;
  readonly message: string;
  readonly input: boolean;
}

export type JobReply = { readonly index: number; readonly metrics: JobMetrics } | { readonly index: number; readonly error: JobError };

/** Thrown by ThreadPool.run when its AbortSignal fires: the jobs reported so far are kept. */
export class SweepInterrupted extends Error {
  override readonly name = 'SweepInterrupted';
}

/** A run was refused as bad input (its model failed, or it reached a run limit): exit code 2. */
export class RunRefused extends InputError {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

/** A run threw: its index, and the model's message. */
export class RunFailed extends Error {
  override readonly name = 'RunFailed';
  constructor(
    readonly index: number,
    readonly reason: string,
  ) {
    super(`run ${index} failed: ${reason}`);
  }
}

// Compiled, a worker runs the compiled worker module directly (and loads tsx only for a user's
// .ts model); from sources, worker-entry.mjs first registers tsx, as bin/sim.mjs does.
const ENTRY = new URL(COMPILED ? './sweep-worker.js' : './worker-entry.mjs', import.meta.url);

/**
 * Runs jobs on up to `threads` worker threads, each pulling the next job when it finishes
 * one, so a slow job never holds up the others. Results arrive in finishing order; callers
 * key them by job index.
 */
export class ThreadPool {
  constructor(
    private readonly threads: number,
    private readonly setup: WorkerSetup,
  ) {}

  run(jobs: readonly JobRequest[], onResult: (index: number, metrics: JobMetrics) => void, signal?: AbortSignal): Promise<void> {
    if (jobs.length === 0) return Promise.resolve();
    const workers: Worker[] = [];
    let next = 0;
    let finished = 0;
    let settled = false;
    return new Promise<void>((resolve, reject) => {
      const stop = (e: Error | null) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        // terminate() waits for nothing the jobs need: their results are already delivered.
        void Promise.all(workers.map((w) => w.terminate())).then(() => (e ? reject(e) : resolve()));
      };
      const onAbort = () => stop(new SweepInterrupted('sweep interrupted'));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort);

      const feed = (w: Worker) => {
        if (next < jobs.length) w.postMessage(jobs[next++]);
      };
      const count = Math.max(1, Math.min(this.threads, jobs.length));
      for (let i = 0; i < count; i++) {
        const w = new Worker(ENTRY, { workerData: this.setup });
        workers.push(w);
        w.on('message', (reply: JobReply) => {
          if (settled) return;
          if ('error' in reply) {
            const { input, message } = reply.error;
            return stop(input ? new RunRefused(reply.index, message) : new RunFailed(reply.index, message));
          }
          try {
            onResult(reply.index, reply.metrics);
          } catch (e) {
            return stop(e instanceof Error ? e : new Error(String(e)));
          }
          if (++finished === jobs.length) return stop(null);
          feed(w);
        });
        w.on('error', (e) => stop(e));
        w.on('exit', (code) => {
          if (!settled) stop(new Error(`a sweep worker exited with code ${code} before finishing its runs`));
        });
        feed(w);
      }
    });
  }
}
