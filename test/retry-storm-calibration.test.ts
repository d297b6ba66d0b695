import { describe, expect, test } from 'vitest';
import { runModel } from '../src/index.ts';
import retryStorm from '../models/retry-storm.ts';

const blind = runModel(retryStorm, { seed: 1 }).metrics;
const classified = runModel(retryStorm, { seed: 1, params: { classification: 'classified' } }).metrics;

describe('retry-storm reproduces the nightly promo batch', () => {
  test('with nothing expired (staging), 10,000 items take about 30 minutes', () => {
    const m = runModel(retryStorm, { seed: 1, params: { 'expired-fraction': 0 } }).metrics;
    expect(m.items_total).toBe(10000);
    expect(m.items_failed).toBe(0);
    expect(m.makespan_s).toBeGreaterThan(27 * 60);
    expect(m.makespan_s).toBeLessThan(33 * 60);
  });

  test('blind retries: all 7,000 expired items fail, after 21,000 retries that never succeed', () => {
    expect(blind.items_total).toBe(10000);
    expect(blind.failed_expired_cleanup).toBe(7000);
    expect(blind.items_expired_cleanup).toBe(7000);
    expect(blind.failed_stage_validation).toBe(7000);
    expect(blind.items_failed).toBe(7000);
    // 21,000 retries of expired items plus a few dozen of transient blips in the other 3,000.
    expect(blind.retries_total).toBeGreaterThanOrEqual(21000);
    expect(blind.retries_total).toBeLessThan(21150);
    expect(blind.retry_success_ratio).toBeLessThan(0.01);
  });

  test('blind retries: ~420 s of useless validation and the 70 minutes of backoff the policy implies', () => {
    // 21,000 retries × 20 ms validation = 420 s; 7,000 × (100 + 200 + 300) ms = 4,200 s.
    expect(blind.retry_validation_time_s).toBeGreaterThan(400);
    expect(blind.retry_validation_time_s).toBeLessThan(440);
    expect(blind.backoff_wait_s).toBeGreaterThanOrEqual(4200);
    expect(blind.backoff_wait_s).toBeLessThan(4230);
    // Each retry loads and validates again: 21,000 × ~163 ms.
    expect(blind.retry_work_s).toBeGreaterThan(3300);
    expect(blind.retry_work_s).toBeLessThan(3550);
    // Makespan = 3,000 × 180 ms + 7,000 × (4 × 163 ms + 600 ms): about 2.6 h, not the write-up's 6 h.
    expect(blind.makespan_s).toBeGreaterThan(2.4 * 3600);
    expect(blind.makespan_s).toBeLessThan(2.8 * 3600);
  });

  test('classified retries: validation failures are not retried and the batch takes the write-up\'s 28 minutes', () => {
    expect(classified.failed_expired_cleanup).toBe(7000);
    expect(classified.items_failed).toBe(7000);
    expect(classified.retries_total).toBeLessThan(150);
    expect(classified.backoff_wait_s).toBeLessThan(30);
    // 3,000 × 180 ms + 7,000 × 163 ms = 1,681 s.
    expect(classified.makespan_s).toBeGreaterThan(26 * 60);
    expect(classified.makespan_s).toBeLessThan(30 * 60);
  });

  test('classified retries: transient failures are still retried and recovered', () => {
    expect(classified.retries_total).toBeGreaterThan(20);
    expect(classified.retry_success_ratio).toBeGreaterThan(0.9);
    for (const t of ['seasonal_promo', 'loyalty_offer', 'flash_sale']) expect(classified[`failed_${t}`]).toBe(0);
  });

  test('four workers cut the blind makespan about fourfold but not the retries', () => {
    const m = runModel(retryStorm, { seed: 1, params: { workers: 4 } }).metrics;
    expect(m.retries_total).toBe(blind.retries_total);
    expect(m.makespan_s).toBeGreaterThan(blind.makespan_s! / 4.2);
    expect(m.makespan_s).toBeLessThan(blind.makespan_s! / 3.8);
  });

  test('the same seed gives identical metrics, and another seed different ones', () => {
    expect(runModel(retryStorm, { seed: 1 }).metrics).toEqual(blind);
    expect(runModel(retryStorm, { seed: 2 }).metrics.makespan_s).not.toBe(blind.makespan_s);
  });
});
