import { ArrivalProcess, Departures, defineModel, erlangC, Exponential, JobQueue, param, WorkerPool } from '../src/index.ts';

/**
 * The validation model: Poisson arrivals, exponential service, c servers, FIFO. Built from
 * the same public components any model uses, so agreeing with Erlang C validates them.
 */
export default defineModel({
  name: 'mm-c',
  summary: 'M/M/c queue (Poisson arrivals, exponential service, c servers): the simulator checked against Erlang C',
  description:
    'Customers arrive as a Poisson process, wait in one FIFO queue and are served by the first free of c servers, ' +
    'each taking an exponential service time. Steady-state theory (Erlang C) gives the chance of waiting and the ' +
    'mean wait exactly; the summary prints the theory beside the measurement so any disagreement shows. ' +
    'The run starts empty, so short runs at high utilisation read a little below theory (warm-up bias).',
  duration: '1h',
  bucket: '1m',
  params: {
    arrivalRate: param.rate({ default: '90/s', min: 0, description: 'Poisson arrival rate (lambda)' }),
    serviceTime: param.duration({ default: '100ms', min: 1e-6, description: 'mean service time (1/mu), exponential' }),
    servers: param.int({ default: 10, min: 1, max: 100000, unit: 'servers', description: 'number of servers (c)' }),
  },
  build(ctx, p) {
    const queue = new JobQueue(ctx, 'queue');
    const done = new Departures(ctx, 'done');
    const pool = new WorkerPool(ctx, { name: 'servers', workers: p.servers, queue, service: new Exponential(p.serviceTime), next: done });
    const source = new ArrivalProcess(ctx, { name: 'arrivals', interarrival: new Exponential(1 / p.arrivalRate), to: queue });
    const rho = (p.arrivalRate * p.serviceTime) / p.servers;
    const theory = rho < 1 ? erlangC(p.arrivalRate, 1 / p.serviceTime, p.servers) : null;
    return {
      summary: () => ({
        customers: done.count.total,
        wait_mean_s: pool.wait.mean,
        wait_p99_s: pool.wait.quantile(0.99),
        p_wait_ratio: pool.waited.total / Math.max(1, source.arrivals.total),
        utilization_ratio: pool.busy.mean / p.servers,
        queue_length_mean: queue.depth.mean,
        in_system_mean: queue.depth.mean + pool.busy.mean,
        sojourn_mean_s: done.sojourn.mean,
        throughput_per_s: done.count.total / ctx.durationS,
        theory_wait_mean_s: theory ? theory.waitMeanS : NaN,
        theory_p_wait_ratio: theory ? theory.pWait : NaN,
        theory_utilization_ratio: Math.min(1, rho),
      }),
      charts: [
        {
          name: 'wait',
          title: 'Wait in queue per minute',
          yTitle: 'wait (ms)',
          scale: 1000,
          lines: [
            { metric: 'servers_wait_s', stat: 'mean', label: 'mean' },
            { metric: 'servers_wait_s', stat: 'p99', label: 'p99' },
          ],
          rules: theory ? [{ y: theory.waitMeanS * 1000, label: 'Erlang C mean' }] : [],
        },
        {
          name: 'servers-busy',
          title: 'Servers busy',
          yTitle: 'servers',
          lines: [
            { metric: 'servers_busy', stat: 'mean', label: 'mean' },
            { metric: 'servers_busy', stat: 'max', label: 'max' },
          ],
          rules: [{ y: p.servers, label: `c = ${p.servers}` }],
        },
        {
          name: 'queue-depth',
          title: 'Queue depth',
          yTitle: 'customers waiting',
          lines: [
            { metric: 'queue_depth', stat: 'mean', label: 'mean' },
            { metric: 'queue_depth', stat: 'max', label: 'max' },
          ],
        },
      ],
    };
  },
});
