/**
 * Scenario: the system of examples/my-model.ts (jobs, a line, N workers), built from the
 * state-machine components instead of processes: the same mechanism with nothing allocated
 * per event, for runs of millions of events a second.
 *
 *   arrivals ──▶ JobQueue ──▶ WorkerPool (N) ──▶ Departures
 *
 * Run: npx sim run examples/my-model-components.ts --workers 4
 */
import { createArrivals, defineModel, Departures, JobQueue, param, parseDistribution, WorkerPool } from 'sim';

export default defineModel({
  name: 'my-model-components',
  summary: 'Example user model: one queue, N workers; built from components',
  duration: '30m',
  params: {
    arrivals: param.arrivals({ default: '20/s', description: "job arrivals: a rate, or a schedule such as '20/s; 10m: 40/s; 12m: 20/s'" }),
    workers: param.int({ default: 3, min: 1, unit: 'workers', description: 'worker processes' }),
    service: param.distribution({ default: 'lognormal(120ms, 60ms)', description: 'job duration' }),
  },
  build(ctx, p) {
    const queue = new JobQueue(ctx, 'jobs');
    const done = new Departures(ctx, 'done');
    const pool = new WorkerPool(ctx, { name: 'workers', workers: p.workers, queue, service: parseDistribution(p.service), next: done });
    createArrivals(ctx, p.arrivals, { name: 'arrivals', to: queue });
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
