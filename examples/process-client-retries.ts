/**
 * Scenario: clients call a service with a timeout per try and retry failed tries with a
 * retry policy (exponential backoff, optional jitter). The service shares its CPU cores
 * among the requests in it (processor sharing), so its latency grows with its concurrency.
 * A client that times out does not cancel its request: the service keeps working on it. So
 * a burst of load raises latency past the timeout, timeouts add retries, retries add load,
 * and the abandoned work keeps the service busy after the burst is over.
 *
 *   clients ──try──▶ service (cores shared by all requests in it) ──reply──▶ client
 *      ▲                  (a timed-out try keeps running here)            │
 *      └──────────── timeout ── backoff ── retry ◀────────────────────────┘
 *
 * Run: npx sim run examples/process-client-retries.ts --retries 0     (no retries)
 *      npx sim run examples/process-client-retries.ts --jitter full   (spread the retries)
 */
import {
  arrivalTimes,
  createRetryPolicy,
  Database,
  defineModel,
  FailureClass,
  JITTER_KINDS,
  now,
  param,
  parseDistribution,
  query,
  retry,
  source,
} from 'sim';

export default defineModel({
  name: 'process-client-retries',
  summary: 'Clients with timeouts and retries against a service whose latency grows with its load',
  duration: '5m',
  bucket: '5s',
  params: {
    arrivals: param.arrivals({ default: '60/s; 60s: 100/s; 90s: 60/s', description: 'requests from clients: a rate or a schedule (a burst by default)' }),
    cores: param.int({ default: 4, min: 1, unit: 'cores', description: 'service CPU cores, shared by the requests in it' }),
    work: param.distribution({ default: 'lognormal(50ms, 20ms)', description: 'CPU time a request needs' }),
    timeout: param.duration({ default: '1s', min: 1e-3, description: 'client timeout per try' }),
    retries: param.int({ default: 3, min: 0, unit: 'retries', description: 'retries after the first try' }),
    backoff: param.duration({ default: '100ms', description: 'first retry delay (doubles each retry)' }),
    jitter: param.choice({ choices: JITTER_KINDS, default: 'none', description: 'jitter on retry delays' }),
  },
  build(ctx, p) {
    const service = new Database(ctx, { name: 'service', cores: p.cores });
    const policy = createRetryPolicy(ctx.sim.rng('retry'), { maxRetries: p.retries, backoff: 'exponential', baseS: p.backoff, jitter: p.jitter });
    const work = parseDistribution(p.work);
    const rng = ctx.sim.rng('work');
    const m = ctx.metrics;
    const tries = m.counter('tries');
    const timeouts = m.counter('timeouts');
    const succeeded = m.counter('succeeded');
    const failed = m.counter('failed');
    const latency = m.histogram('latency_s');

    function* request() {
      const start = now();
      const outcome = yield* retry(policy, function* () {
        tries.add();
        const answered = yield* query(service, work.sample(rng), { timeoutS: p.timeout });
        if (!answered) timeouts.add();
        return answered || FailureClass.transient;
      });
      if (outcome.ok) {
        succeeded.add();
        latency.record(now() - start);
      } else {
        failed.add();
      }
    }

    const clients = source(ctx, { name: 'requests', arrivals: arrivalTimes(p.arrivals), start: request });

    return {
      summary: () => ({
        requests: clients.arrivals.total,
        succeeded: succeeded.total,
        failed: failed.total,
        tries_total: tries.total,
        timeouts_total: timeouts.total,
        retry_amplification_ratio: tries.total / Math.max(1, clients.arrivals.total),
        goodput_per_s: succeeded.total / ctx.durationS,
        latency_p99_s: latency.quantile(0.99),
        service_concurrency_max: service.queries.max,
      }),
      charts: [
        { name: 'concurrency', title: 'Requests in the service', yTitle: 'requests', lines: [{ metric: 'service_queries', stat: 'max', label: 'max' }, { metric: 'service_queries', stat: 'mean', label: 'mean' }] },
        { name: 'outcomes', title: 'Tries, timeouts and successes per 5 s', yTitle: 'count', lines: [{ metric: 'tries', stat: 'count', label: 'tries' }, { metric: 'timeouts', stat: 'count', label: 'timeouts' }, { metric: 'succeeded', stat: 'count', label: 'succeeded' }] },
      ],
    };
  },
});
