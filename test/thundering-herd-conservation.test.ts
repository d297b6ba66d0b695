import fc from 'fast-check';
import { expect, test } from 'vitest';
import model from '../models/thundering-herd.ts';
import { type Counter, type Gauge, type Histogram, ModelContext } from '../src/index.ts';
import { resolveParams } from '../src/model/run-model.ts';
import { checkProperty } from './helpers/property.ts';

const HOUR_S = 3600;

const system = fc
  .record({
    poolSize: fc.integer({ min: 2, max: 40 }),
    jobPoolShare: fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 0.9, noNaN: true })),
    batchSize: fc.oneof(fc.constant('unlimited'), fc.integer({ min: 1, max: 100 })),
    jobConcurrency: fc.oneof(fc.constant('unlimited'), fc.integer({ min: 1, max: 100 })),
    dbCores: fc.constantFrom(0.5, 1, 2, 5),
    timeoutS: fc.constantFrom(0, 0.5, 2, 10),
    hourlyJobQueries: fc.integer({ min: 1, max: 30 }),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map((c) => ({ ...c, jobPool: Math.min(c.poolSize - 1, Math.floor(c.poolSize * c.jobPoolShare)) }));

type System = typeof system extends fc.Arbitrary<infer S> ? S : never;

/** Runs the model for `durationS` and checks that every request and job is accounted for. */
function conserved(c: System, durationS: number, params: Record<string, unknown>): { hourlyRuns: number; jobsDone: number } {
  const ctx = new ModelContext(c.seed, durationS, 60);
  const p = resolveParams(model, {
    'pool-size': c.poolSize,
    'job-pool': c.jobPool,
    'batch-size': c.batchSize,
    'job-concurrency': c.jobConcurrency,
    'db-cores': c.dbCores,
    'api-acquire-timeout': c.timeoutS,
    'hourly-job-queries': c.hourlyJobQueries,
    ...params,
  });
  model.build(ctx, p.values as never);
  ctx.sim.run(durationS);
  const m = ctx.metrics;
  const total = (name: string) => (m.get(name) as Counter).total;
  const count = (name: string) => (m.get(name) as Histogram).count;
  const level = (name: string) => (m.get(name) as Gauge).value;

  const apiInFlight = total('api_arrivals') - total('api_ok') - total('api_errors');
  const jobsCreated = total('jobs_runs') + total('background_arrivals');
  const jobsDone = count('job_lateness_s') + count('background_job_latency_s');
  expect(apiInFlight).toBeGreaterThanOrEqual(0);
  // Waiting: due in the scheduled-jobs table or the background queue, or fetched and not started.
  const waiting = level('scheduled_jobs_depth') + level('background_queue_depth') + level('scheduled_jobs_held') + level('background_jobs_held');
  expect(jobsCreated).toBe(jobsDone + level('jobs_executing') + waiting);
  expect(total('scheduled_jobs_started') + total('background_jobs_started')).toBe(jobsDone + level('jobs_executing'));
  expect(level('jobs_executing')).toBe(level('scheduled_jobs_executing') + level('background_jobs_executing'));
  // The job table holds exactly what is in the system.
  expect(ctx.jobs.live).toBe(apiInFlight + level('jobs_executing') + waiting);
  // Every 503 is an acquire timeout.
  const pools = c.jobPool > 0 ? ['api_pool', 'job_pool'] : ['db_pool'];
  expect(total('api_errors')).toBe(pools.reduce((s, pool) => s + total(`${pool}_timeouts`), 0));
  // Pools never over capacity; the server gauge is the sum of the pools.
  const sizes = c.jobPool > 0 ? [c.poolSize - c.jobPool, c.jobPool] : [c.poolSize];
  pools.forEach((pool, i) => expect((m.get(`${pool}_in_use`) as Gauge).max).toBeLessThanOrEqual(sizes[i]!));
  expect(level('db_connections')).toBe(pools.reduce((s, pool) => s + level(`${pool}_in_use`), 0));
  expect((m.get('db_connections') as Gauge).max).toBeLessThanOrEqual(c.poolSize);
  if (c.jobConcurrency !== 'unlimited') expect((m.get('scheduled_jobs_executing') as Gauge).max).toBeLessThanOrEqual(c.jobConcurrency);
  // Scheduled runs are asked for before they are due, never more than one per job.
  expect((m.get('jobs_scheduled') as Gauge).max).toBeLessThanOrEqual(p.values.hourlyJobs as number);
  return { hourlyRuns: total('jobs_runs'), jobsDone };
}

test('the herd itself: every hourly run rounded to :00 lands at once, and still nothing is lost and no pool exceeds its size', () => {
  checkProperty(
    fc.property(
      system,
      fc.record({ hourlyJobs: fc.integer({ min: 200, max: 5000 }), jitterS: fc.constantFrom(0, 0, 30), apiRate: fc.integer({ min: 5, max: 60 }), afterS: fc.integer({ min: 1, max: 240 }) }),
      (c, h) => {
        // Runs end from a second to four minutes after :00, with the herd in flight or done.
        const r = conserved(c, HOUR_S + h.afterS, { 'hourly-jobs': h.hourlyJobs, rounding: true, jitter: h.jitterS, 'api-rate': h.apiRate });
        // The run saw the herd: without jitter every hourly job is due at :00 exactly; with
        // ±30 s, the half due before :00 and those due in the first afterS seconds after.
        if (h.jitterS === 0) expect(r.hourlyRuns).toBe(h.hourlyJobs);
        else expect(r.hourlyRuns).toBeGreaterThan(0.3 * h.hourlyJobs);
      },
    ),
    { numRuns: 8 },
  );
});

test('nothing is lost: every request and job is answered, finished, queued or in flight, and no pool exceeds its size', () => {
  let jobs = 0;
  checkProperty(
    fc.property(system, fc.record({ apiRate: fc.integer({ min: 10, max: 300 }), jitterS: fc.constantFrom(0, 60, 600) }), (c, x) => {
      // Spread over the hour (no rounding): hourly jobs arrive all along the four minutes.
      jobs += conserved(c, 240, { rounding: false, jitter: x.jitterS, 'api-rate': x.apiRate }).jobsDone;
    }),
    { numRuns: 12 },
  );
  expect(jobs).toBeGreaterThan(0);
});
