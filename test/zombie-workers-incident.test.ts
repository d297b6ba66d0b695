import { describe, expect, test } from 'vitest';
import model from '../models/zombie-workers.ts';
import { runModel } from '../src/index.ts';

/** The summary metrics these tests read. */
type Metrics = Record<
  | 'dead_lettered' | 'first_zombie_s' | 'hung_jobs_max' | 'job_latency_max_s' | 'job_latency_p99_s' | 'job_latency_p99_s_worst_minute'
  | 'memory_mb_max' | 'processes_max' | 'queue_depth_max' | 'success_ratio' | 'toxic_jobs' | 'unresponsive' | 'unresponsive_at_s'
  | 'worker_restarts' | 'workers_active_min' | 'workers_reported' | 'workers_reported_mean' | 'zombie_workers_max',
  number | null
>;

const run = (params: Record<string, unknown> = {}) => runModel(model, { seed: 1, params }).metrics as Metrics;

// The write-up: 10 workers, ~400 MB and 94% success when healthy; with the toxic job type, zombies
// from 01:00, fewer and fewer workers serving, unresponsive at 05:00, 47 processes and 8.7 GB,
// while the dashboard still read 10 workers and 94% success. Seed 1 here; the medians over
// seeds are held in checks/zombie-workers.yaml.
describe('zombie-workers with defaults (seed 1)', () => {
  const healthy = run({ 'toxic-rate': 0 });
  const incident = run();

  test('without the toxic job type the pool is 10 processes, ~400 MB, 94% successful and quick', () => {
    expect([healthy.toxic_jobs, healthy.processes_max, healthy.zombie_workers_max, healthy.hung_jobs_max, healthy.unresponsive]).toEqual([0, 10, 0, 0, 0]);
    expect(healthy.memory_mb_max).toBeGreaterThanOrEqual(380);
    expect(healthy.memory_mb_max).toBeLessThanOrEqual(450);
    expect(healthy.success_ratio).toBeGreaterThanOrEqual(0.94);
    expect(healthy.job_latency_p99_s_worst_minute).toBeLessThan(30);
  });

  test('the dashboard reads 10 workers and 94% success throughout', () => {
    expect([incident.workers_reported, incident.workers_reported_mean]).toEqual([10, 10]);
    expect(incident.success_ratio).toBeGreaterThanOrEqual(0.94);
  });

  test('the first zombie appears when the broker gives up on the first toxic job: 30 minutes after it, at the next check', () => {
    // First toxic job at 30 min, hung; silent for 30 min; the supervisor checks once a minute.
    expect(incident.first_zombie_s).toBe(61 * 60);
  });

  test('each toxic job is requeued at once and hangs the next worker: hung workers pile up until none serves and the backlog runs away', () => {
    expect(incident.workers_active_min).toBe(0);
    expect(incident.unresponsive).toBe(1);
    expect(incident.unresponsive_at_s).toBeGreaterThan(3 * 3600);
    expect(incident.queue_depth_max).toBeGreaterThanOrEqual(1000);
    expect(incident.job_latency_p99_s_worst_minute).toBeGreaterThan(30);
    // Every zombie was a worker the supervisor replaced; a zombie never exits.
    expect(incident.worker_restarts).toBe(incident.zombie_workers_max);
    expect(incident.processes_max).toBe(10 + incident.zombie_workers_max!);
    expect(incident.zombie_workers_max).toBeGreaterThan(2 * incident.toxic_jobs!);
    expect(incident.hung_jobs_max).toBeGreaterThanOrEqual(incident.zombie_workers_max!);
  });
});

describe('zombie-workers fixes (seed 1)', () => {
  const incident = run();

  test('a breaker on the toxic type stops the growth: a few zombies before it opens and one per trial', () => {
    const m = run({ breaker: true });
    expect(m.zombie_workers_max).toBeLessThanOrEqual(10);
    expect(m.unresponsive).toBe(0);
    expect(m.job_latency_p99_s_worst_minute).toBeLessThan(30);
    // Only toxic jobs are refused: permanent errors of ordinary jobs do not open their circuit.
    expect(m.dead_lettered).toBeGreaterThanOrEqual(1);
    expect(m.dead_lettered).toBeLessThanOrEqual(m.toxic_jobs!);
  });

  test('a job timeout that kills, with a dead-letter queue after 2 attempts, leaves no zombie and no delay', () => {
    const m = run({ 'timeout-action': 'kill', 'dead-letter-after': 2 });
    expect([m.zombie_workers_max, m.processes_max, m.worker_restarts, m.unresponsive]).toEqual([0, 10, 0, 0]);
    expect(m.memory_mb_max).toBeLessThan(1000);
    expect(m.job_latency_p99_s_worst_minute).toBeLessThan(30);
    // Parked after their second attempt; the last to arrive may still be on their first.
    expect(m.dead_lettered).toBeGreaterThan(0);
    expect(m.dead_lettered).toBeLessThanOrEqual(m.toxic_jobs!);
  });

  test('killing alone ends the zombies, but a requeued poison job still takes a worker each time', () => {
    const killed = run({ 'timeout-action': 'kill' });
    expect([killed.zombie_workers_max, killed.processes_max]).toEqual([0, 10]);
    expect(killed.success_ratio).toBeLessThan(incident.success_ratio!);
    const supervised = run({ supervisor: 'kill-first' });
    expect([supervised.zombie_workers_max, supervised.processes_max]).toEqual([0, 10]);
    expect(supervised.memory_mb_max).toBeLessThan(2500);
    // The same hangs, the same capacity lost: the backlog runs away as in the incident.
    expect(supervised.unresponsive_at_s).toBe(incident.unresponsive_at_s);
  });

  test('dead-lettering after 2 attempts caps the zombies at 2 per toxic job instead of one per half hour', () => {
    const m = run({ 'dead-letter-after': 2 });
    expect(m.zombie_workers_max).toBeLessThanOrEqual(2 * m.toxic_jobs!);
    expect(m.processes_max).toBeLessThan(incident.processes_max! / 2);
    expect(m.dead_lettered).toBeGreaterThan(0);
    expect(m.dead_lettered).toBeLessThanOrEqual(m.toxic_jobs!);
  });

  test('the same seed gives the same numbers', () => {
    expect(run()).toEqual(incident);
  });
});
