// A model of your own: a worker pool behind a queue, with a slow job type mixed in.
// Run it with: npx sim run examples/my-model.ts --workers 4
// Inside this repository `sim` resolves to the package itself; elsewhere, `npm install` the
// sim repository first (or import from the path of its src/index.ts).
import { ArrivalProcess, defineModel, Departures, Exponential, JobQueue, param, parseDistribution, WorkerPool } from 'sim';

export default defineModel({
  name: 'my-model',
  summary: 'Example user model: one queue, N workers, exponential arrivals',
  duration: '30m',
  params: {
    rate: param.rate({ default: '20/s', min: 0, description: 'job arrival rate' }),
    workers: param.int({ default: 3, min: 1, unit: 'workers', description: 'worker processes' }),
    service: param.distribution({ default: 'lognormal(120ms, 60ms)', description: 'job duration' }),
  },
  build(ctx, p) {
    const queue = new JobQueue(ctx, 'jobs');
    const done = new Departures(ctx, 'done');
    const pool = new WorkerPool(ctx, { name: 'workers', workers: p.workers, queue, service: parseDistribution(p.service), next: done });
    new ArrivalProcess(ctx, { name: 'arrivals', interarrival: new Exponential(1 / p.rate), to: queue });
    return {
      summary: () => ({
        jobs: done.count.total,
        wait_p99_s: pool.wait.quantile(0.99),
        latency_p99_s: done.sojourn.quantile(0.99),
        utilization_ratio: pool.busy.mean / p.workers,
      }),
      charts: [{ name: 'queue', title: 'Jobs waiting', yTitle: 'jobs', lines: [{ metric: 'jobs_depth', stat: 'max', label: 'max' }] }],
    };
  },
});
