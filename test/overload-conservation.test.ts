import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  AdaptiveThrottle,
  AimdLimit,
  ArrivalProcess,
  BackoffRetryPolicy,
  Client,
  CoDelShedder,
  ConcurrencyLimiter,
  ConstantBackoff,
  Exponential,
  FixedLimit,
  Gradient2Limit,
  ModelContext,
  NoShedding,
  NoThrottle,
  Outcome,
  QUEUE_ORDERS,
  QueueAgeShedder,
  QueueLengthShedder,
  RateLimiter,
  Service,
  Uniform,
  type ReplyListener,
  type RequestTarget,
} from '../src/index.ts';
import { checkProperty } from './helpers/property.ts';

const RUN_S = 100;

/** A value in [0, max] in hundredths, evenly spread (fc.double from 0 is mostly tiny values: doubles are drawn by their bits). */
const share = (max: number) => fc.integer({ min: 0, max: 100 }).map((x) => (x / 100) * max);

const config = fc.record({
  cores: fc.integer({ min: 1, max: 8 }),
  workers: fc.option(fc.integer({ min: 1, max: 32 }), { nil: undefined }),
  arrivalsPerS: fc.double({ min: 10, max: 60, noNaN: true }),
  /** Offered load relative to nominal capacity: from light to overloaded. */
  load: fc.double({ min: 0.3, max: 1.6, noNaN: true }),
  /** Extra work per concurrent request, relative to the mean work. */
  slope: fc.constantFrom(0, 0, 0.02),
  /** The client's timeout, in mean works. */
  timeout: fc.double({ min: 3, max: 30, noNaN: true }),
  retries: fc.integer({ min: 0, max: 4 }),
  retryDelayS: fc.constantFrom(0, 0.1, 1),
  cancel: fc.boolean(),
  hedgeAfterS: fc.option(fc.double({ min: 0.05, max: 2, noNaN: true }), { nil: undefined }),
  throttle: fc.boolean(),
  shed: fc.constantFrom('none', 'length', 'age', 'codel'),
  order: fc.constantFrom(...QUEUE_ORDERS),
  limiter: fc.constantFrom('none', 'fixed', 'aimd', 'gradient2'),
  rateLimit: fc.boolean(),
  cut: fc.record({ atS: share(80), forS: share(20), ratio: share(1) }),
  seed: fc.nat({ max: 10_000 }),
});

type Config = typeof config extends fc.Arbitrary<infer C> ? C : never;

/**
 * Sits between the client's filters and the service and records, per request, when it came
 * and when it left (answered, or cancelled), so the test can integrate concurrency itself.
 */
class Tap implements RequestTarget, ReplyListener {
  readonly sojourns: number[] = [];
  readonly present = new Map<number, { from: ReplyListener; token: number; at: number; handle: number }>();
  private next = 0;
  constructor(private readonly ctx: ModelContext, private readonly to: Service) {}

  send(from: ReplyListener, token: number): number {
    const id = this.next++;
    const entry = { from, token, at: this.ctx.sim.now, handle: -1 };
    this.present.set(id, entry);
    entry.handle = this.to.send(this, id);
    return id;
  }

  cancel(id: number): boolean {
    const entry = this.present.get(id);
    if (!entry || !this.to.cancel(entry.handle)) return false;
    this.leave(id, entry.at);
    return true;
  }

  reply(id: number, outcome: Outcome): void {
    const entry = this.present.get(id)!;
    this.leave(id, entry.at);
    entry.from.reply(entry.token, outcome);
  }

  private leave(id: number, at: number): void {
    this.sojourns.push(this.ctx.sim.now - at);
    this.present.delete(id);
  }
}

function simulate(c: Config) {
  const ctx = new ModelContext(c.seed, RUN_S, 10);
  const workMeanS = (c.load * Math.min(c.cores, c.workers ?? Infinity)) / c.arrivalsPerS;
  const timeoutS = c.timeout * workMeanS;
  const shedder = c.shed === 'length' ? new QueueLengthShedder(20) : c.shed === 'age' ? new QueueAgeShedder(timeoutS) : c.shed === 'codel' ? new CoDelShedder(0.01, 0.1) : new NoShedding();
  const service = new Service(ctx, {
    name: 'svc',
    work: new Uniform(0, 2 * workMeanS),
    cores: c.cores,
    workers: c.workers ?? Infinity,
    slopeS: c.slope * workMeanS,
    queueOrder: c.order,
    shedder,
    capacity: [
      { atS: c.cut.atS, ratio: c.cut.ratio },
      { atS: c.cut.atS + c.cut.forS, ratio: 1 },
    ],
  });
  const tap = new Tap(ctx, service);
  let target: RequestTarget = tap;
  const fixed = c.limiter === 'fixed' ? new FixedLimit(c.cores * 4) : null;
  let limiter: ConcurrencyLimiter | null = null;
  if (c.limiter !== 'none') {
    const limit = fixed ?? (c.limiter === 'aimd' ? new AimdLimit({ initial: 20, timeoutS }) : new Gradient2Limit({ initial: 20, min: 1 }));
    limiter = new ConcurrencyLimiter(ctx, { name: 'cl', to: target, limit });
    target = limiter;
  }
  const capacityPerS = c.cores / workMeanS;
  const rateLimiter = c.rateLimit ? new RateLimiter(ctx, { name: 'rl', to: target, ratePerS: capacityPerS * 0.9 }) : null;
  if (rateLimiter) target = rateLimiter;
  const client = new Client(ctx, {
    name: 'client',
    to: target,
    timeoutS,
    retry: new BackoffRetryPolicy({ maxRetries: c.retries, backoff: new ConstantBackoff(c.retryDelayS), rng: ctx.sim.rng('retry') }),
    cancelAbandoned: c.cancel,
    ...(c.hedgeAfterS !== undefined ? { hedgeAfterS: c.hedgeAfterS } : {}),
    throttle: c.throttle ? new AdaptiveThrottle({ windowS: 10, rng: ctx.sim.rng('throttle') }) : new NoThrottle(),
  });
  new ArrivalProcess(ctx, { name: 'arrivals', interarrival: new Exponential(1 / c.arrivalsPerS), to: client });
  // Callers that send through the client directly, some of them giving up and cancelling.
  const senders = ctx.sim.rng('senders');
  const answered = new Set<number>();
  const caller: ReplyListener = { reply: (token) => answered.add(token) };
  for (let i = 0; i < 100; i++) {
    const at = senders.uniform(0, RUN_S);
    const patienceS = senders.chance(0.5) ? senders.uniform(0, 3 * timeoutS) : Infinity;
    ctx.sim.call(at, () => {
      const handle = client.send(caller, i);
      if (patienceS < Infinity) ctx.sim.call(patienceS, () => client.cancel(handle) && answered.add(-1 - i));
    });
  }

  const violations: string[] = [];
  const probe = () => {
    if (client.requests.total !== client.succeeded.total + client.failed.total + client.abandoned.total + client.open) violations.push(`client conservation at ${ctx.sim.now}`);
    if (service.active > (c.workers ?? Infinity)) violations.push(`${service.active} in service > ${c.workers} workers at ${ctx.sim.now}`);
    if (limiter && fixed && limiter.active > fixed.limit) violations.push(`limiter over its limit at ${ctx.sim.now}`);
    if (tap.present.size !== service.active + service.queued) violations.push(`tap ${tap.present.size} != service ${service.active + service.queued} at ${ctx.sim.now}`);
  };
  for (let t = 0.5; t < RUN_S; t += 1.7) ctx.sim.call(t, probe);
  ctx.sim.run(RUN_S);
  probe();
  ctx.metrics.finish(RUN_S);
  // A caller hears exactly one of: an answer, or its own cancel taking effect (never both).
  for (let i = 0; i < 100; i++) if (answered.has(i) && answered.has(-1 - i)) violations.push(`caller ${i} was answered after cancelling`);
  return { ctx, client, service, tap, limiter, rateLimiter, violations };
}

test('overload components conserve requests and obey Little’s law, over random systems that carry load', () => {
  checkProperty(
    fc.property(config, (c) => {
      const { client, service, tap, limiter, rateLimiter, violations } = simulate(c);
      expect(violations).toEqual([]);
      // The systems carry real load: 1,000 to 6,000 requests, and tries reaching the service.
      // Some collapse (retries of timed-out work make even 35% load metastable when latency
      // grows with concurrency), and a throttle shut by a pause reopens only slowly; the
      // invariants must hold there too.
      expect(client.requests.total).toBeGreaterThan(800);
      expect(service.requests.total).toBeGreaterThan(50);
      // Every try went somewhere: past every filter to the service, or refused by one.
      const refusedByFilters = (limiter?.limited.total ?? 0) + (rateLimiter?.limited.total ?? 0);
      expect(client.tries.total).toBe(service.requests.total + refusedByFilters);
      // Every request that reached the service left it exactly once, or is still there.
      const left = service.completed.total + service.rejected.total + service.shed.total + service.cancelled.total;
      expect(service.requests.total).toBe(left + service.active + service.queued);
      expect(tap.sojourns.length).toBe(left);
      // Little's law over the run, exactly: the area under the concurrency gauge equals the
      // time every request spent at the service (those still present counted up to the end).
      let stay = tap.sojourns.reduce((s, x) => s + x, 0);
      for (const e of tap.present.values()) stay += RUN_S - e.at;
      expect(service.concurrency.mean * RUN_S).toBeCloseTo(stay, 6 - Math.max(0, Math.ceil(Math.log10(stay))));
    }),
    { numRuns: 25 },
  );
});
