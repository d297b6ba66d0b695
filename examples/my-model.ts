/**
 * Scenario: jobs arrive at a worker pool, wait in line for a free worker, and each takes a
 * lognormal time to run: your own system, written as processes. Each job is a process that
 * reads top to bottom as what happens to it.
 *
 *   arrivals ──▶ [ line ] ──▶ ( N workers ) ──▶ done
 *
 * Run: npx sim run examples/my-model.ts --workers 4 --arrivals '20/s; 10m: 40/s; 12m: 20/s'
 * The same system as state-machine components, for when it must run millions of events a
 * second: examples/my-model-components.ts.
 */
import { acquire, arrivalTimes, defineModel, hold, now, param, parseDistribution, release, Resource, source } from 'sim';

export default defineModel({
  name: 'my-model',
  summary: 'Example user model: jobs, a line, N workers; written as processes',
  duration: '30m',
  params: {
    arrivals: param.arrivals({ default: '20/s', description: "job arrivals: a rate, or a schedule such as '20/s; 10m: 40/s; 12m: 20/s'" }),
    workers: param.int({ default: 3, min: 1, unit: 'workers', description: 'worker processes' }),
    service: param.distribution({ default: 'lognormal(120ms, 60ms)', description: 'job duration' }),
  },
  build(ctx, p) {
    const workers = new Resource(ctx, { name: 'workers', capacity: p.workers });
    const service = parseDistribution(p.service);
    const rng = ctx.sim.rng('service');
    const latency = ctx.metrics.histogram('latency_s');

    function* job() {
      const arrived = now();
      yield* acquire(workers);
      yield* hold(service.sample(rng));
      release(workers);
      latency.record(now() - arrived);
    }

    source(ctx, { name: 'arrivals', arrivals: arrivalTimes(p.arrivals), start: job });

    return {
      summary: () => ({
        jobs: latency.count,
        wait_p99_s: workers.wait.quantile(0.99),
        latency_p99_s: latency.quantile(0.99),
        utilization_ratio: workers.inUseGauge.mean / p.workers,
      }),
      charts: [{ name: 'line', title: 'Jobs waiting for a worker', yTitle: 'jobs', lines: [{ metric: 'workers_waiters', stat: 'max', label: 'max' }] }],
    };
  },
});
