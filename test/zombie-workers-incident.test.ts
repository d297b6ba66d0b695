import { describe, expect, test } from 'vitest';
import model from '../models/zombie-workers.ts';
import { runModel } from '../src/index.ts';

/** The summary metrics these tests read. */
type Metrics = Record<
  'dead_lettered' | 'hung_jobs_max' | 'job_latency_max_s' | 'job_latency_p99_s' | 'memory_mb_max'
  | 'processes_max' | 'queue_depth_mean' | 'success_ratio' | 'toxic_jobs' | 'worker_restarts'
  | 'workers_reported' | 'workers_reported_mean' | 'zombie_workers_max',
  number
>;

const run = (params: Record<string, unknown> = {}) => runModel(model, { seed: 1, params }).metrics as Metrics;

// Incident (DESIGN.md): 10 workers, ~400 MB and >= 94% success when healthy; with the toxic job type,
// 47 processes where 10 were expected, 8.7 GB, 30 s+ delays, while the dashboard still read 10 workers,
// a modest queue and 94% success.
describe('zombie-workers with defaults (seed 1)', () => {
  const healthy = run({ 'toxic-rate': 0 });
  const incident = run();

  test('without the toxic job type the pool is 10 processes, ~400 MB and at least 94% successful', () => {
    expect([healthy.processes_max, healthy.zombie_workers_max, healthy.hung_jobs_max]).toEqual([10, 0, 0]);
    expect(healthy.memory_mb_max).toBeGreaterThanOrEqual(380);
    expect(healthy.memory_mb_max).toBeLessThanOrEqual(450);
    expect(healthy.success_ratio).toBeGreaterThanOrEqual(0.94);
  });

  test('the dashboard still looks fine: 10 workers, a modest queue, success at 94%', () => {
    expect([incident.workers_reported, incident.workers_reported_mean]).toEqual([10, 10]);
    expect(incident.queue_depth_mean).toBeLessThan(10);
    expect(incident.success_ratio).toBeGreaterThanOrEqual(0.94);
  });

  test('behind it zombies pile up: 40+ processes for 10 workers, 7+ GB, 30 s+ delays', () => {
    expect(incident.processes_max).toBeGreaterThanOrEqual(40);
    expect(incident.processes_max).toBeLessThanOrEqual(80);
    expect(incident.zombie_workers_max).toBe(incident.processes_max - 10);
    expect(incident.memory_mb_max).toBeGreaterThanOrEqual(7000);
    expect(incident.memory_mb_max).toBeLessThanOrEqual(16000);
    expect(incident.hung_jobs_max).toBeGreaterThanOrEqual(incident.zombie_workers_max);
    expect(incident.job_latency_max_s).toBeGreaterThanOrEqual(30);
    expect(incident.job_latency_p99_s).toBeGreaterThan(3 * healthy.job_latency_p99_s);
  });

  test('each toxic job makes a new zombie at every redelivery: more zombies than toxic jobs', () => {
    expect(incident.zombie_workers_max).toBeGreaterThan(3 * incident.toxic_jobs);
    expect(incident.worker_restarts).toBe(incident.zombie_workers_max);
  });
});

describe('zombie-workers fixes (seed 1)', () => {
  const incident = run();

  test('a job timeout that kills leaves no zombie and no delay', () => {
    const m = run({ 'timeout-action': 'kill' });
    expect([m.zombie_workers_max, m.processes_max, m.worker_restarts]).toEqual([0, 10, 0]);
    expect(m.memory_mb_max).toBeLessThan(1000);
    expect(m.job_latency_max_s).toBeLessThan(30);
  });

  test('a zombie-aware supervisor leaves no zombie, though each hung worker still stalls until it is declared dead', () => {
    const m = run({ supervisor: 'kill-first' });
    expect([m.zombie_workers_max, m.processes_max]).toEqual([0, 10]);
    expect(m.memory_mb_max).toBeLessThan(1500);
    expect(m.job_latency_p99_s).toBe(incident.job_latency_p99_s);
  });

  test('a breaker on the toxic type stops the growth: a few zombies before it opens and one per trial', () => {
    const m = run({ breaker: true });
    expect(m.zombie_workers_max).toBeLessThanOrEqual(10);
    expect(m.processes_max).toBeLessThanOrEqual(20);
    expect(m.memory_mb_max).toBeLessThan(2500);
    expect(m.job_latency_max_s).toBeLessThan(30);
    // Only toxic jobs are refused: permanent errors of ordinary jobs do not open their circuit.
    expect(m.dead_lettered).toBeGreaterThanOrEqual(1);
    expect(m.dead_lettered).toBeLessThanOrEqual(m.toxic_jobs);
  });

  test('dead-lettering after 2 attempts caps the zombies at 2 per toxic job instead of one per redelivery', () => {
    const m = run({ 'dead-letter-after': 2 });
    expect(m.zombie_workers_max).toBeLessThanOrEqual(2 * m.toxic_jobs);
    expect(m.processes_max).toBeLessThan(incident.processes_max / 2);
    expect(m.memory_mb_max).toBeLessThan(incident.memory_mb_max / 2);
    expect(m.dead_lettered).toBe(m.toxic_jobs);
  });

  test('the same seed gives the same numbers', () => {
    expect(run()).toEqual(incident);
  });
});
