/**
 * Scenario: a shop sends a receipt email for every order. Orders arrive at random (a Poisson
 * stream, or a schedule of rates), each receipt waits for a free worker, and the worker sends it
 * through an SMTP provider that usually answers in about 150 ms but now and then takes seconds.
 * How many workers keep receipts prompt, and how much headroom is left for a busier day?
 *
 *   orders ──▶ [ waiting for a worker ] ──▶ workers (×N) ──▶ sent
 *
 *   npx sim run models/jobs.ts                                   # summary, charts, report.html
 *   npx sim run models/jobs.ts --workers 2                       # any parameter is a flag
 *   npx sim run models/jobs.ts --order-rate '10/s; 20m: 30/s; 25m: 10/s'   # a 5-minute spike
 *   npx sim describe models/jobs.ts                              # every parameter, default and unit
 *
 * Each receipt is a process: a generator that reads top to bottom as what happens to it.
 */
import { acquire, arrivalTimes, defineModel, hold, now, param, parseDistribution, release, Resource, source } from 'sim';

export default defineModel({
  name: 'jobs',
  summary: 'Receipt emails: orders queue up for a pool of workers that send them',
  duration: '1h',
  params: {
    orderRate: param.arrivals({ default: '10/s', description: "orders, each one an email job: a rate, or a schedule such as '10/s; 20m: 30/s; 25m: 10/s'" }),
    workers: param.int({ default: 4, min: 1, unit: 'workers', description: 'workers sending emails' }),
    sendTime: param.distribution({ default: 'lognormal(250ms, 400ms)', description: 'time to send one email' }),
  },
  build(ctx, p) {
    const workers = new Resource(ctx, { name: 'workers', capacity: p.workers });
    const sendTime = parseDistribution(p.sendTime, '--send-time');
    const rng = ctx.sim.rng('smtp');
    const delivery = ctx.metrics.histogram('delivery_s');

    function* receipt() {
      const ordered = now();
      yield* acquire(workers); // wait in line for a free worker
      yield* hold(sendTime.sample(rng)); // send it through the SMTP provider
      release(workers);
      delivery.record(now() - ordered);
    }

    source(ctx, { name: 'orders', arrivals: arrivalTimes(p.orderRate), start: receipt });

    // What `sim run` prints and summary.json holds; names end in their unit (see `sim describe`).
    return {
      summary: () => ({
        emails_sent: delivery.count,
        wait_mean_s: workers.wait.mean,
        wait_p99_s: workers.wait.quantile(0.99),
        delivery_p99_s: delivery.quantile(0.99),
        utilization_ratio: workers.inUseGauge.mean / p.workers,
      }),
      charts: [
        { name: 'backlog', title: 'Emails waiting for a worker', yTitle: 'emails', lines: [{ metric: 'workers_waiters', stat: 'max', label: 'max per minute' }] },
        { name: 'busy', title: 'Busy workers', yTitle: 'workers', lines: [{ metric: 'workers_in_use', stat: 'mean', label: 'mean' }] },
      ],
    };
  },
});
