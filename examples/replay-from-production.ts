// A worker pool calibrated from production data, started from the backlog it had when an
// incident was noticed.
//
//   arrivals (a rate, or trace:requests.csv) ──▶ queue (starts with --backlog) ──▶ N workers ──▶ done
//
// Scenario: workers were down; when they come back the queue holds an observed backlog. How
// long until it is gone, and how long do the jobs behind it wait?
//
//   npx sim fit durations.csv --column duration_ms --unit ms          # prints e.g. lognormal(121ms, 59.91ms)
//   npx sim run examples/replay-from-production.ts --service 'lognormal(121ms, 59.91ms)' \
//       --arrivals trace:requests.csv --backlog 'csv:queue-snapshot.csv' --load-scale 2
import { createArrivals, defineModel, Departures, InitialBacklog, JobQueue, type JobSink, LOAD_SCALE_METHOD, param, parseDistribution, WorkerPool } from 'sim';

export default defineModel({
  name: 'replay-from-production',
  summary: 'A worker pool fed by a rate or a replayed trace, starting from an observed backlog',
  description:
    'Jobs arrive from --arrivals (a Poisson rate, or a CSV of timestamps replayed exactly), wait in one FIFO queue that ' +
    'starts with --backlog (a count with ages, or a CSV of enqueue times), and are run by --workers workers taking ' +
    `--service each. --load-scale multiplies the load: a rate by the factor; a trace by ${LOAD_SCALE_METHOD}`,
  duration: '1h',
  bucket: '1m',
  params: {
    arrivals: param.arrivals({ default: '50/s', description: 'where jobs come from: a Poisson rate or trace:PATH[,column=NAME][,type=NAME]' }),
    loadScale: param.number({ default: 1, min: 0, max: 1000, unit: 'x', description: 'multiplies the arrivals: a rate by the factor, a trace by superposed time-shifted copies' }),
    backlog: param.backlog({ default: '0', description: 'jobs waiting at the start: N, N@AGE (6000@uniform(0s, 12h)) or csv:PATH of enqueue times' }),
    workers: param.int({ default: 10, min: 1, max: 100_000, unit: 'workers', description: 'workers taking jobs from the queue' }),
    service: param.distribution({ default: 'exp(100ms)', description: 'time a worker takes per job (paste what sim fit prints)' }),
  },
  build(ctx, p) {
    const queue = new JobQueue(ctx, 'queue');
    const done = new Departures(ctx, 'done');
    let clearedAtS = NaN;
    const watch: JobSink = {
      accept(job) {
        if (clearedAtS !== clearedAtS && queue.length === 0) clearedAtS = ctx.sim.now;
        done.accept(job);
      },
    };
    const pool = new WorkerPool(ctx, { name: 'workers', workers: p.workers, queue, service: parseDistribution(p.service, 'service'), next: watch });
    const backlog = new InitialBacklog(ctx, { name: 'backlog', queue, backlog: p.backlog });
    const source = createArrivals(ctx, p.arrivals, { name: 'arrivals', to: queue, scale: p.loadScale });
    return {
      summary: () => ({
        backlog_initial: backlog.placed,
        arrivals: source.arrivals.total,
        jobs_done: done.count.total,
        jobs_queued: queue.length,
        jobs_running: pool.busy.value,
        queue_cleared_s: clearedAtS,
        queue_depth_max: queue.depth.max,
        wait_p50_s: pool.wait.quantile(0.5),
        wait_p99_s: pool.wait.quantile(0.99),
        wait_max_s: pool.wait.max,
        utilization_ratio: pool.busy.mean / p.workers,
      }),
      charts: [
        { name: 'queue', title: 'Jobs waiting', yTitle: 'jobs', lines: [{ metric: 'queue_depth', stat: 'max', label: 'max' }] },
        {
          name: 'wait',
          title: 'Wait before a worker takes the job',
          yTitle: 'wait (s)',
          lines: [
            { metric: 'workers_wait_s', stat: 'p50', label: 'p50' },
            { metric: 'workers_wait_s', stat: 'max', label: 'max' },
          ],
        },
      ],
    };
  },
});
