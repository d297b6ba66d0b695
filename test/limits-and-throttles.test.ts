import { describe, expect, test } from 'vitest';
import {
  AdaptiveThrottle,
  AimdLimit,
  ConcurrencyLimiter,
  Constant,
  FixedLimit,
  Gradient2Limit,
  ModelContext,
  Outcome,
  RateLimiter,
  Rng,
  Service,
  type ReplyListener,
} from '../src/index.ts';

function replies(ctx: ModelContext) {
  const log: [number, number, Outcome][] = [];
  const from: ReplyListener = { reply: (token, outcome) => log.push([ctx.sim.now, token, outcome]) };
  return { log, from };
}

describe('rate limiter (token bucket)', () => {
  test('lets a burst through, then the refill rate; the rest get a 429 at once', () => {
    const ctx = new ModelContext(1, 100, 1);
    const service = new Service(ctx, { name: 'svc', work: new Constant(0.1), cores: Infinity });
    const limiter = new RateLimiter(ctx, { name: 'rl', to: service, ratePerS: 2, burst: 2 });
    const { log, from } = replies(ctx);
    const at = (t: number, token: number) => ctx.sim.call(t, () => limiter.send(from, token));
    [0, 0, 0].forEach((t, i) => at(t, i)); // 2 tokens: the third is limited
    at(0.25, 3); // 0.5 token: limited
    at(0.5, 4); // 1 token: passes
    at(2, 5); // refilled to the burst, not beyond: passes
    at(2, 6);
    at(2, 7); // limited
    ctx.sim.run();
    const limited = log.filter(([, , o]) => o === Outcome.rejected).map(([t, token]) => [t, token]);
    expect(limited).toEqual([
      [0, 2],
      [0.25, 3],
      [2, 7],
    ]);
    expect([limiter.passed.total, limiter.limited.total, service.completed.total]).toEqual([5, 3, 5]);
  });
});

describe('concurrency limiter', () => {
  test('a fixed limit admits while fewer are in flight and refuses the rest at once', () => {
    const ctx = new ModelContext(1, 100, 1);
    const service = new Service(ctx, { name: 'svc', work: new Constant(1), cores: Infinity });
    const limiter = new ConcurrencyLimiter(ctx, { name: 'cl', to: service, limit: new FixedLimit(2) });
    const { log, from } = replies(ctx);
    const at = (t: number, token: number) => ctx.sim.call(t, () => limiter.send(from, token));
    [0, 0, 0.5, 1.5, 1.5, 1.5].forEach((t, i) => at(t, i));
    ctx.sim.run();
    expect(log).toEqual([
      [0.5, 2, Outcome.rejected],
      [1, 0, Outcome.ok],
      [1, 1, Outcome.ok],
      [1.5, 5, Outcome.rejected],
      [2.5, 3, Outcome.ok],
      [2.5, 4, Outcome.ok],
    ]);
  });

  test('a request cancelled through the limiter frees its place and its late answer is not passed on', () => {
    const ctx = new ModelContext(1, 100, 1);
    const service = new Service(ctx, { name: 'svc', work: new Constant(1), cores: Infinity });
    const limiter = new ConcurrencyLimiter(ctx, { name: 'cl', to: service, limit: new FixedLimit(1) });
    const { log, from } = replies(ctx);
    let h = -1;
    ctx.sim.call(0, () => (h = limiter.send(from, 0)));
    ctx.sim.call(0.5, () => expect(limiter.cancel(h)).toBe(true));
    ctx.sim.call(0.5, () => limiter.send(from, 1));
    ctx.sim.run();
    expect(log).toEqual([[1.5, 1, Outcome.ok]]);
    expect(service.cancelled.total).toBe(1);
    expect(limiter.cancel(h)).toBe(false);
  });

  test('AIMD adds one while at least half the limit is used, and backs off on a drop or a slow request', () => {
    const aimd = new AimdLimit({ initial: 10, backoffRatio: 0.9, timeoutS: 1 });
    const trace: number[] = [];
    const sample = (rtt: number, inFlight: number, dropped: boolean) => {
      aimd.onSample(rtt, inFlight, dropped);
      trace.push(aimd.limit);
    };
    sample(0.1, 5, false); // 5 · 2 >= 10: grow
    sample(0.1, 2, false); // idle: hold
    sample(0.1, 11, true); // drop: floor(11 · 0.9) = 9
    sample(2, 9, false); // slower than the timeout: min(8, floor(8.1))
    expect(trace).toEqual([11, 11, 9, 8]);
  });

  test('Gradient2 follows its formula window by window (Netflix concurrency-limits)', () => {
    const g = new Gradient2Limit({ initial: 20, min: 1, max: 100, windowSize: 1 });
    // Window 1 closes at its first sample: shortRtt 0.1 = longRtt, gradient 1:
    // 0.8 · 20 + 0.2 · (20 + 4) = 20.8; the next window ends at 0.5 + 1 s.
    g.onSample(0.1, 20, false, 0.5);
    expect(g.limit).toBeCloseTo(20.8, 12);
    // Window 2 (0.2 and 0.4): shortRtt 0.3, longRtt (warm-up mean) 0.2, gradient 2/3:
    // 0.8 · 20.8 + 0.2 · (20.8 · 2/3 + 4) = 20.21333...
    g.onSample(0.2, 15, false, 1.0);
    expect(g.limit).toBeCloseTo(20.8, 12);
    g.onSample(0.4, 12, false, 1.6);
    expect(g.limit).toBeCloseTo(0.8 * 20.8 + 0.2 * ((20.8 * 2) / 3 + 4), 12);
    expect(g.longRttS).toBeCloseTo(0.2, 12);
    // App-limited (max in flight below half the limit): the limit holds.
    const held = g.limit;
    g.onSample(0.05, 3, false, 2.7);
    expect(g.limit).toBe(held);
  });

  test('Gradient2 shrinks under a standing queue and refuses nothing once the load is light again', () => {
    const ctx = new ModelContext(1, 400, 1);
    const service = new Service(ctx, { name: 'svc', work: new Constant(0.1), cores: 4, workers: 4 });
    const limit = new Gradient2Limit({ initial: 50, min: 4, max: 200 });
    const limiter = new ConcurrencyLimiter(ctx, { name: 'cl', to: service, limit });
    const from: ReplyListener = { reply: () => {} };
    // 20/s to a capacity of 40/s for 30 s (the RTT it learns as normal), 60/s for 60 s, 20/s again.
    const offer = (from0: number, to: number, perS: number) => {
      for (let i = 0; from0 + i / perS < to; i++) ctx.sim.call(from0 + i / perS, () => limiter.send(from, 0));
    };
    offer(0, 30, 20);
    offer(30, 90, 60);
    offer(90, 200, 20);
    const limits: number[] = [];
    for (const t of [29, 89, 199]) ctx.sim.call(t, () => limits.push(limit.limit));
    let limitedBefore = 0;
    ctx.sim.call(150, () => (limitedBefore = limiter.limited.total));
    ctx.sim.run();
    // Overloaded, latency climbs above what it learned and the limit falls to a few past the
    // 4 workers; back at 20/s it holds (app-limited) and nothing is refused.
    expect(limits[0]).toBe(50);
    expect(limits[1]).toBeLessThan(12);
    expect(limiter.limited.total).toBeGreaterThan(1000);
    expect(limiter.limited.total).toBe(limitedBefore);
  });
});

describe('client-side adaptive throttling (SRE book, K = 2)', () => {
  test('the reject probability is max(0, (requests − K·accepts) / (requests + 1)) over the window', () => {
    const th = new AdaptiveThrottle({ k: 2, windowS: 10, buckets: 10, rng: new Rng('t') });
    for (let i = 0; i < 10; i++) {
      expect(th.allows(0)).toBe(true);
      th.recordAccept(0);
    }
    expect(th.rejectProbability(0)).toBe(0);
    // 20 more that nobody accepts: 30 requests, 10 accepts.
    for (let i = 0; i < 20; i++) th.allows(5);
    expect(th.rejectProbability(5)).toBeCloseTo((30 - 20) / 31, 12);
    // At 10.5 s the bucket of t = 0 has left the window: 20 requests, 0 accepts.
    expect(th.rejectProbability(10.5)).toBeCloseTo(20 / 21, 12);
    // Past the whole window, nothing is remembered.
    expect(th.rejectProbability(100)).toBe(0);
  });

  test('with nothing accepted, the tries that go out dwindle as the probability climbs toward 1', () => {
    const th = new AdaptiveThrottle({ rng: new Rng('draws') });
    for (let i = 0; i < 1000; i++) {
      th.allows(1);
      if (i % 4 === 0) th.recordAccept(1); // a quarter accepted
    }
    expect(th.rejectProbability(1)).toBeCloseTo((1000 - 2 * 250) / 1001, 12);
    const before = th.rejected;
    let refused = 0;
    for (let i = 0; i < 10000; i++) if (!th.allows(2)) refused++;
    const p = th.rejectProbability(2);
    expect(p).toBeGreaterThan(0.9); // every try counts as a request, and none is accepted
    expect(refused).toBeGreaterThan(8000);
    expect(th.rejected - before).toBe(refused);
  });
});
