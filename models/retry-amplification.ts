/**
 * Scenario: open-loop clients call a service with a 3 s timeout and up to 4 immediate
 * retries; the service runs at 60% of its capacity. At 30 s its capacity is cut (a CPU cap,
 * a noisy neighbour, a slow dependency) for a few seconds, then restored. A short or small
 * cut recovers; a slightly longer or larger one never does, because timed-out tries are
 * retried while the service still works on them, and the retries keep it saturated.
 *
 *   arrivals ──▶ Client ──▶ [RateLimiter] ──▶ [ConcurrencyLimiter] ──▶ Service
 *   (Poisson)    timeout,     (429s)            (fixed, AIMD,            queue ─▶ workers ─▶ cores
 *                retries,                        Gradient2)               (shedding, order)  (capacity cut)
 *                throttle
 */
import {
  AdaptiveThrottle,
  AimdLimit,
  ArrivalProcess,
  BACKOFF_KINDS,
  Client,
  CoDelShedder,
  ConcurrencyLimiter,
  createRetryPolicy,
  defineModel,
  Exponential,
  FixedLimit,
  formatDuration,
  Gradient2Limit,
  InputError,
  JITTER_KINDS,
  NoShedding,
  NoThrottle,
  param,
  parseDistribution,
  QUEUE_ORDERS,
  QueueAgeShedder,
  QueueLengthShedder,
  RateLimiter,
  Service,
  type ConcurrencyLimit,
  type QueueShedder,
  type RequestTarget,
} from '../src/index.ts';

const FIXES = ['none', 'backoff', 'retry-budget', 'adaptive-throttle', 'shed', 'concurrency-limit', 'cancel'] as const;
const SHEDDING = ['none', 'queue-length', 'queue-age', 'codel'] as const;
const LIMITERS = ['none', 'fixed', 'aimd', 'gradient2'] as const;

/** Goodput at least this share of arrivals, bucket by bucket, counts as healthy. */
const HEALTHY = 0.9;

export default defineModel({
  name: 'retry-amplification',
  summary: 'Retries turn a few seconds of lost capacity into an outage that outlives it: the knife-edge between recovering and staying down',
  description:
    'After the retry experiment of "Metastable Failures in the Wild" (Huang et al., OSDI 2022). Open-loop clients send ' +
    '60 requests/s to a service of 8 cores and 16 worker threads whose requests need 80 ms of CPU each (exponential): ' +
    'capacity 100/s, so it runs at 60%. Clients time out after 3 s and retry at once, up to 4 times; a timed-out try is ' +
    'not cancelled, so the service still serves it and its answer is thrown away. At 30 s the service loses ' +
    '--trigger-drop of its capacity for --trigger-duration. While capacity is cut a queue builds; when the wait in it ' +
    'passes the timeout every try fails, each request sends 5 tries (300/s against a capacity of 100/s), and the queue ' +
    'keeps growing after capacity returns: goodput stays at zero for the rest of the run. A trigger too short or too ' +
    'small to push the wait past the timeout drains and recovers. Over 20 seeds: 80% for 4 s recovers in all, for 5 s in ' +
    '18, for 6 s in 3, for 7 s or more in none; for 10 s, 50% recovers in all, 60% in 11, 70% in none. With the defaults ' +
    '(80% for 10 s) it never recovers. Fixes (--fix, or each knob alone): a retry budget (--retry-budget), client-side ' +
    'adaptive throttling (--adaptive-throttle, K = 2 over a 10 s window; with the SRE book\'s 2 minutes, --throttle-window ' +
    '2m, it engages too late and reopens only minutes later), shedding requests that waited longer than --shed-age ' +
    '(--shed queue-age), a concurrency limit (--limiter), cancelling abandoned work (--cancel-on-timeout). Backoff with ' +
    'jitter (--backoff exponential --jitter full) spreads the retries but every request still sends 5 tries, so in an ' +
    'open system it only moves the boundary a little. recovered is 1 when goodput from --settle after the trigger to the ' +
    'end of the run is at least 90% of arrivals. The trigger map (experiments/retry-amplification-trigger-map.yaml) ' +
    'sweeps the size and length of the cut for each fix.',
  fidelity: 'docs/incidents/retry-amplification.md',
  duration: '2m30s',
  bucket: '5s',
  params: {
    arrivalRate: param.rate({ default: '60/s', min: 0.001, description: 'requests per second, a Poisson process (open loop: arrivals do not wait for answers)' }),
    work: param.distribution({ default: 'exp(80ms)', description: 'CPU work of one request on one core at full capacity' }),
    cores: param.number({ default: 8, min: 0.001, max: 100000, unit: 'cores', description: 'cores the requests in service share (processor sharing)' }),
    workers: param.int({ default: 16, min: 1, max: 1_000_000, unlimited: true, unit: 'threads', description: 'requests in service at once; the rest wait in the queue' }),
    slope: param.duration({ default: 0, min: 0, description: 'extra work per request already in service (latency = base + slope × concurrency)' }),
    timeout: param.duration({ default: '3s', min: 0.001, description: 'how long a client waits for a try before giving up on it' }),
    maxRetries: param.int({ default: 4, min: 0, max: 100, unit: 'retries', description: 'retries after the first try' }),
    backoff: param.choice({ choices: ['none', ...BACKOFF_KINDS] as const, default: 'none', description: 'delay before a retry: none (immediate), constant, linear or exponential from --backoff-base' }),
    backoffBase: param.duration({ default: '1s', min: 0, description: 'first retry delay (constant, linear, exponential)' }),
    backoffCap: param.duration({ default: '30s', min: 0, description: 'largest retry delay' }),
    jitter: param.choice({ choices: JITTER_KINDS, default: 'none', description: 'randomisation of retry delays: none, full, equal, decorrelated' }),
    retryBudget: param.int({ default: Infinity, unlimited: true, min: 0, unit: 'tokens', description: 'token-bucket retry budget shared by the clients: each retry spends one, each success returns --budget-refill (unlimited = no budget)' }),
    budgetRefill: param.number({ default: 0.1, min: 0, unit: 'tokens', description: 'tokens a success returns to the retry budget' }),
    adaptiveThrottle: param.bool({ default: false, description: 'client-side adaptive throttling (Google SRE book): reject tries locally with probability max(0, (requests - K·accepts)/(requests + 1))' }),
    throttleWindow: param.duration({ default: '10s', min: 0.001, description: 'trailing window adaptive throttling counts requests and accepts over (2m in the SRE book)' }),
    throttleK: param.number({ default: 2, min: 0.01, unit: '', description: 'K of adaptive throttling: tries allowed per accepted try' }),
    cancelOnTimeout: param.bool({ default: false, description: 'cancel the work of a try the client gave up on (false: the service keeps working on it)' }),
    hedgeAfter: param.duration({ default: 0, min: 0, description: 'send a second try when the first has had no answer for this long (0 = no hedging)' }),
    shed: param.choice({ choices: SHEDDING, default: 'none', description: 'load shedding at the service queue: none, queue-length (refuse when --queue-limit wait), queue-age (drop requests that waited over --shed-age), codel' }),
    queueLimit: param.int({ default: 100, min: 0, unit: 'requests', description: 'longest queue with --shed queue-length' }),
    shedAge: param.duration({ default: '1s', min: 0, description: 'longest wait with --shed queue-age; CoDel target interval with --shed codel is 5ms/100ms' }),
    queueOrder: param.choice({ choices: QUEUE_ORDERS, default: 'fifo', description: 'order the workers take waiting requests in: fifo, lifo, adaptive-lifo (LIFO once the queue stands)' }),
    limiter: param.choice({ choices: LIMITERS, default: 'none', description: 'concurrency limit in front of the service: none, fixed (--limit), aimd, gradient2 (Netflix concurrency-limits)' }),
    limit: param.int({ default: 64, min: 1, max: 1_000_000, unit: 'requests', description: 'the fixed limit, and the initial limit of aimd and gradient2' }),
    rateLimit: param.rate({ default: 0, min: 0, description: 'token-bucket rate limit in front of the service, answering 429 at once (0 = none)' }),
    triggerAt: param.duration({ default: '30s', min: 0, description: 'when the capacity cut starts' }),
    triggerDuration: param.duration({ default: '10s', min: 0, description: 'how long capacity stays cut' }),
    triggerDrop: param.ratio({ default: '80%', description: 'share of capacity lost during the trigger (100% = a full pause)' }),
    settle: param.duration({ default: '60s', min: 0, description: 'time after the trigger ends before goodput is judged for recovery' }),
    fix: param.choice({ choices: FIXES, default: 'none', description: 'a named fix, for sweeps: backoff (exponential 1s, full jitter), retry-budget (10 tokens), adaptive-throttle, shed (queue-age 1s), concurrency-limit (gradient2), cancel (cancel on timeout)' }),
  },
  check(p, durationS) {
    const triggerEnd = p.triggerAt + p.triggerDuration;
    if (triggerEnd > durationS) {
      throw new InputError(
        `the trigger (--trigger-at ${formatDuration(p.triggerAt)} + --trigger-duration ${formatDuration(p.triggerDuration)}) ends at ${formatDuration(triggerEnd)}, after the run (${formatDuration(durationS)}); shorten the trigger or lengthen --duration`,
      );
    }
    const judgeFrom = triggerEnd + p.settle;
    if (judgeFrom >= durationS) {
      throw new InputError(`recovery is judged from the trigger's end plus --settle (${formatDuration(judgeFrom)}), which is not before the run's end (${formatDuration(durationS)}); lengthen --duration or shorten --settle`);
    }
  },
  build(ctx, p) {
    const { sim, metrics } = ctx;
    const triggerEnd = p.triggerAt + p.triggerDuration;
    const judgeFrom = triggerEnd + p.settle;
    const fix = p.fix;
    const backoff = fix === 'backoff' ? 'exponential' : p.backoff;
    const jitter = fix === 'backoff' ? 'full' : p.jitter;
    const retryBudget = fix === 'retry-budget' ? 10 : p.retryBudget;
    const throttleOn = fix === 'adaptive-throttle' || p.adaptiveThrottle;
    const shed = fix === 'shed' ? 'queue-age' : p.shed;
    const limiter = fix === 'concurrency-limit' ? 'gradient2' : p.limiter;
    const cancel = fix === 'cancel' || p.cancelOnTimeout;

    const work = parseDistribution(p.work);
    const capacityPerS = p.cores / work.mean;
    const shedder: QueueShedder =
      shed === 'queue-length' ? new QueueLengthShedder(p.queueLimit) : shed === 'queue-age' ? new QueueAgeShedder(p.shedAge) : shed === 'codel' ? new CoDelShedder() : new NoShedding();
    const service = new Service(ctx, {
      name: 'service',
      work,
      cores: p.cores,
      workers: p.workers,
      slopeS: p.slope,
      queueOrder: p.queueOrder,
      shedder,
      capacity: [
        { atS: p.triggerAt, ratio: 1 - p.triggerDrop },
        { atS: triggerEnd, ratio: 1 },
      ],
    });
    let target: RequestTarget = service;
    let concurrency: ConcurrencyLimiter | null = null;
    if (limiter !== 'none') {
      const limit: ConcurrencyLimit =
        limiter === 'fixed'
          ? new FixedLimit(p.limit)
          : limiter === 'aimd'
            ? new AimdLimit({ initial: p.limit, min: 1, max: 10_000, timeoutS: p.timeout / 2 })
            : new Gradient2Limit({ initial: p.limit, min: Math.max(1, Math.ceil(p.cores)), max: 10_000 });
      concurrency = new ConcurrencyLimiter(ctx, { name: 'limiter', to: target, limit });
      target = concurrency;
    }
    let rateLimiter: RateLimiter | null = null;
    if (p.rateLimit > 0) {
      rateLimiter = new RateLimiter(ctx, { name: 'rate_limiter', to: target, ratePerS: p.rateLimit });
      target = rateLimiter;
    }
    const retry = createRetryPolicy(sim.rng('retry'), {
      maxRetries: p.maxRetries,
      backoff: backoff === 'none' ? 'constant' : backoff,
      baseS: backoff === 'none' ? 0 : p.backoffBase,
      capS: p.backoffCap,
      jitter,
      budgetTokens: retryBudget,
      budgetRefillPerSuccess: p.budgetRefill,
    });
    const client = new Client(ctx, {
      name: 'client',
      to: target,
      timeoutS: p.timeout,
      retry,
      cancelAbandoned: cancel,
      hedgeAfterS: p.hedgeAfter > 0 ? p.hedgeAfter : Infinity,
      throttle: throttleOn ? new AdaptiveThrottle({ k: p.throttleK, windowS: p.throttleWindow, rng: sim.rng('throttle') }) : new NoThrottle(),
    });
    new ArrivalProcess(ctx, { name: 'clients', interarrival: new Exponential(1 / p.arrivalRate), to: client, type: 'request' });

    const marks = [
      { t: p.triggerAt, label: `−${Math.round(p.triggerDrop * 100)}%` },
      { t: triggerEnd, label: 'back' },
      { t: judgeFrom, label: 'judged from' },
    ];
    return {
      summary: () => {
        const bucketS = metrics.bucketS;
        const arrived = client.requests.series()[0]!.values;
        const ok = client.succeeded.series()[0]!.values;
        const endS = sim.now;
        // Goodput after recovery: successes per second from the trigger's end plus the settling time.
        const first = Math.ceil(judgeFrom / bucketS - 1e-9);
        let okAfter = 0;
        let arrivedAfter = 0;
        for (let b = first; b < ok.length; b++) {
          okAfter += ok[b]!;
          arrivedAfter += arrived[b]!;
        }
        const windowS = endS - first * bucketS;
        const recovered = arrivedAfter > 0 && okAfter >= HEALTHY * arrivedAfter;
        // Recovery time: from the trigger's end to the start of the first bucket from which
        // every bucket to the end of the run is healthy.
        let healthyFrom = ok.length;
        for (let b = ok.length - 1; b >= 0 && ok[b]! >= HEALTHY * arrived[b]!; b--) healthyFrom = b;
        const endBucket = Math.ceil(triggerEnd / bucketS - 1e-9);
        const recoveryTime = recovered ? Math.max(0, healthyFrom - endBucket) * bucketS : NaN;
        const tries = client.tries.total;
        const requests = client.requests.total;
        return {
          requests_total: requests,
          tries_total: tries,
          retries_total: client.retries.total,
          hedges_total: client.hedges.total,
          succeeded: client.succeeded.total,
          failed: client.failed.total,
          in_flight_end: client.open,
          goodput_per_s: client.succeeded.total / endS,
          goodput_after_recovery_per_s: windowS > 0 ? okAfter / windowS : NaN,
          arrivals_after_recovery_per_s: windowS > 0 ? arrivedAfter / windowS : NaN,
          recovered: recovered ? 1 : 0,
          recovery_time_s: recoveryTime,
          retry_amplification_ratio: requests > 0 ? tries / requests : NaN,
          timeouts_total: client.timeouts.total,
          late_replies: client.lateReplies.total,
          wasted_work_ratio: service.completed.total > 0 ? client.lateReplies.total / service.completed.total : 0,
          refused_total: client.refused.total,
          throttled_total: client.throttled.total,
          retries_refused_budget: client.gaveUpBudget.total,
          shed_total: service.shed.total,
          service_rejected: service.rejected.total,
          rate_limited: rateLimiter?.limited.total ?? 0,
          limiter_limited: concurrency?.limited.total ?? 0,
          service_concurrency_max: service.concurrency.max,
          service_concurrency_end: service.active + service.queued,
          request_latency_p50_s: client.latency.quantile(0.5),
          request_latency_p99_s: client.latency.quantile(0.99),
          capacity_per_s: capacityPerS,
          offered_load_ratio: p.arrivalRate / capacityPerS,
          trigger_end_s: triggerEnd,
        };
      },
      charts: [
        {
          name: 'goodput',
          title: 'Requests per second: arriving, succeeding, and tries sent',
          yTitle: 'per second',
          lines: [
            { metric: 'client_requests', stat: 'count', label: 'new requests', perS: true },
            { metric: 'client_succeeded', stat: 'count', label: 'succeeded (goodput)', perS: true },
            { metric: 'client_tries', stat: 'count', label: 'tries sent', perS: true },
            { metric: 'client_failed', stat: 'count', label: 'given up', perS: true },
          ],
          rules: [{ y: capacityPerS, label: `capacity ${Math.round(capacityPerS)}/s` }],
          marks,
        },
        {
          name: 'service-load',
          title: 'Requests at the service (in service + waiting)',
          yTitle: 'requests',
          lines: [
            { metric: 'service_concurrency', stat: 'max', label: 'max' },
            { metric: 'service_concurrency', stat: 'mean', label: 'mean' },
            { metric: 'service_queue_depth', stat: 'mean', label: 'waiting (mean)' },
          ],
          marks,
        },
        {
          name: 'timeouts',
          title: 'Timeouts, late answers (wasted work) and refusals per second',
          yTitle: 'per second',
          lines: [
            { metric: 'client_timeouts', stat: 'count', label: 'timeouts', perS: true },
            { metric: 'client_late_replies', stat: 'count', label: 'answers nobody waited for', perS: true },
            { metric: 'client_refused', stat: 'count', label: 'refused or shed', perS: true },
            { metric: 'client_throttled', stat: 'count', label: 'throttled locally', perS: true },
          ],
          marks,
        },
        {
          name: 'latency',
          title: 'Latency of successful requests (first send to success)',
          yTitle: 'seconds',
          lines: [
            { metric: 'client_latency_s', stat: 'p50', label: 'p50' },
            { metric: 'client_latency_s', stat: 'p99', label: 'p99' },
          ],
          rules: [{ y: p.timeout, label: 'timeout' }],
          marks,
        },
      ],
    };
  },
});
