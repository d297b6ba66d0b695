import { expect, test } from 'vitest';
import {
  AdaptiveThrottle,
  ArrivalProcess,
  Client,
  ConcurrencyLimiter,
  createRetryPolicy,
  Exponential,
  Gradient2Limit,
  ModelContext,
  parseDistribution,
  QueueAgeShedder,
  Service,
} from '../src/index.ts';

test('the composition in docs/overload.md runs and rides out its capacity cut', () => {
  const ctx = new ModelContext(1, 150, 5);
  // As in docs/overload.md, line for line.
  const service = new Service(ctx, {
    name: 'service', work: parseDistribution('exp(80ms)'), cores: 8, workers: 16,
    queueOrder: 'adaptive-lifo', shedder: new QueueAgeShedder(1),
    capacity: [{ atS: 60, ratio: 0.2 }, { atS: 70, ratio: 1 }],
  });
  const limited = new ConcurrencyLimiter(ctx, { name: 'limiter', to: service, limit: new Gradient2Limit({ min: 8 }) });
  const client = new Client(ctx, {
    name: 'client', to: limited, timeoutS: 3,
    retry: createRetryPolicy(ctx.sim.rng('retry'), { maxRetries: 4, backoff: 'exponential', baseS: 0.1, jitter: 'full', budgetTokens: 10 }),
    throttle: new AdaptiveThrottle({ k: 2, windowS: 10, rng: ctx.sim.rng('throttle') }),
  });
  new ArrivalProcess(ctx, { name: 'arrivals', interarrival: new Exponential(1 / 60), to: client });
  ctx.sim.run(150);
  ctx.metrics.finish(150);
  const ok = client.succeeded.series()[0]!.values;
  const arrived = client.requests.series()[0]!.values;
  // Healthy before the cut, and again within 20 s of its end: every 5 s bucket from 90 s on.
  for (let b = 0; b < 12; b++) expect(ok[b]!).toBeGreaterThanOrEqual(0.9 * arrived[b]! - 3);
  for (let b = 18; b < 30; b++) expect(ok[b]!).toBeGreaterThanOrEqual(0.9 * arrived[b]!);
  expect(client.requests.total).toBe(client.succeeded.total + client.failed.total + client.open);
});
