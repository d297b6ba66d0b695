import { parentPort, workerData } from 'node:worker_threads';
import { isSystemError } from '../files/fs-error.ts';
import { InputError } from '../input-error.ts';
import { loadModel } from '../model/load-model.ts';
import { runModel } from '../model/run-model.ts';
import type { JobError, JobReply, JobRequest, WorkerSetup } from './thread-pool.ts';

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
        reply = { index: job.index, metrics: r.metrics };
      } catch (e) {
        reply = { index: job.index, error: errorInfo(e) };
      }
      port.postMessage(reply);
    },
    (e: unknown) => port.postMessage({ index: job.index, error: errorInfo(e) } satisfies JobReply),
  );
});

function errorInfo(e: unknown): JobError {
  const input = e instanceof InputError || isSystemError(e);
  return e instanceof Error ? { name: e.name, message: e.message, input } : { name: 'Error', message: String(e), input };
}
