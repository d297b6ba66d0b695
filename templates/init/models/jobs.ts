/**
 * Scenario: a shop sends a receipt email for every order. Orders arrive at random (a Poisson
 * stream), each becomes a job on the `emails` queue, and a pool of workers sends them through an
 * SMTP provider that usually answers in about 150 ms but now and then takes seconds. How many
 * workers keep receipts prompt, and how much headroom is left for a busier day?
 *
 *   orders ──▶ [ emails queue ] ──▶ workers (×N) ──▶ sent
 *
 *   npx sim run models/jobs.ts                  # one run: summary, charts, report.html
 *   npx sim run models/jobs.ts --workers 2      # any parameter is a flag
 *   npx sim describe models/jobs.ts             # every parameter, default and unit
 */
import { ArrivalProcess, defineModel, Departures, Exponential, JobQueue, param, parseDistribution, WorkerPool } from 'sim';

export default defineModel({
  name: 'jobs',
  summary: 'Receipt emails: orders queue up for a pool of workers that send them',
  duration: '1h',
  params: {
    orderRate: param.rate({ default: '10/s', min: 0, description: 'orders per second, each one an email job' }),
    workers: param.int({ default: 4, min: 1, unit: 'workers', description: 'workers sending emails' }),
    sendTime: param.distribution({ default: 'lognormal(250ms, 400ms)', description: 'time to send one email' }),
  },
  build(ctx, p) {
    // The system, front to back.
    const emails = new JobQueue(ctx, 'emails');
    const sent = new Departures(ctx, 'sent');
    const pool = new WorkerPool(ctx, { name: 'workers', workers: p.workers, queue: emails, service: parseDistribution(p.sendTime, '--send-time'), next: sent });
    new ArrivalProcess(ctx, { name: 'orders', interarrival: new Exponential(1 / p.orderRate), to: emails });

    // What `sim run` prints and summary.json holds; names end in their unit (see `sim describe`).
    return {
      summary: () => ({
        emails_sent: sent.count.total,
        wait_mean_s: pool.wait.mean,
        wait_p99_s: pool.wait.quantile(0.99),
        delivery_p99_s: sent.sojourn.quantile(0.99),
        utilization_ratio: pool.busy.mean / p.workers,
      }),
      charts: [
        { name: 'backlog', title: 'Emails waiting', yTitle: 'emails', lines: [{ metric: 'emails_depth', stat: 'max', label: 'max per minute' }] },
        { name: 'busy', title: 'Busy workers', yTitle: 'workers', lines: [{ metric: 'workers_busy', stat: 'mean', label: 'mean' }] },
      ],
    };
  },
});
