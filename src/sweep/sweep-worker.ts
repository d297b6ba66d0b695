import { parentPort, workerData } from 'node:worker_threads';
import { isSystemError } from '../files/fs-error.ts';
import { InputError } from '../input-error.ts';
import { loadModel } from '../model/load-model.ts';
import { runModel, type RunResult } from '../model/run-model.ts';
import { DEFAULT_START } from '../report/clock.ts';
import { findings } from '../report/findings.ts';
import { reproduceCommand } from '../report/reproduce-command.ts';
import { runDataFiles } from '../report/run-data-files.ts';
import type { JobError, JobReply, JobRequest, RunFiles, WorkerSetup } from './thread-pool.ts';

// Runs inside a worker thread: loads the model once, then runs one job per message.
// Jobs are pure functions of (model, params, seed, duration), so which thread runs which
// job cannot change a result.
const setup = workerData as WorkerSetup;
const port = parentPort!;
const model = loadModel(setup.modelFile);

port.on('message', (job: JobRequest) => {
  void model.then(
    (m) => {
      let reply: JobReply;
      try {
        const r = runModel(m, { seed: job.seed, durationS: job.durationS, params: job.params, ...(setup.limits ? { limits: setup.limits } : {}) });
        reply = { index: job.index, metrics: r.metrics, ...(job.keepSeries ? { files: keptFiles(r) } : {}) };
      } catch (e) {
        reply = { index: job.index, error: errorInfo(e) };
      }
      port.postMessage(reply);
    },
    (e: unknown) => port.postMessage({ index: job.index, error: errorInfo(e) } satisfies JobReply),
  );
});

/** What --keep-series keeps of a run: the files `sim compare` reads, as `sim run` writes them. */
function keptFiles(r: RunResult): RunFiles {
  const reproduce = reproduceCommand(r, { modelRef: setup.modelRef ?? setup.modelFile, ...(setup.limits ? { limits: setup.limits } : {}) });
  return Object.fromEntries(runDataFiles(r, findings(r), DEFAULT_START, null, reproduce));
}

function errorInfo(e: unknown): JobError {
  const input = e instanceof InputError || isSystemError(e);
  return e instanceof Error ? { name: e.name, message: e.message, input } : { name: 'Error', message: String(e), input };
}
