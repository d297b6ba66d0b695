import { describe, expect, test } from 'vitest';
import { runModel } from '../src/index.ts';
import model from '../models/retry-amplification.ts';

const SEEDS = [1, 2, 3, 4, 5];

/** `recovered` of each seed, with the same parameters. */
function outcomes(params: Record<string, string>): number[] {
  return SEEDS.map((seed) => runModel(model, { seed, params }).metrics.recovered as number);
}

describe('retry-amplification: the knife-edge, from mechanisms only, over five seeds', () => {
  test('a short capacity cut (80% for 4 s) recovers in every seed', () => {
    expect(outcomes({ 'trigger-duration': '4s' })).toEqual([1, 1, 1, 1, 1]);
  });

  test('a cut twice as long (80% for 8 s) never recovers, though capacity returns', () => {
    expect(outcomes({ 'trigger-duration': '8s' })).toEqual([0, 0, 0, 0, 0]);
  });

  test('with the longer cut, each fix that bounds the work retries make recovers in every seed', () => {
    for (const fix of ['retry-budget', 'adaptive-throttle', 'shed', 'concurrency-limit', 'cancel']) {
      expect([fix, outcomes({ 'trigger-duration': '8s', fix })]).toEqual([fix, [1, 1, 1, 1, 1]]);
    }
  });

  test('backoff with jitter alone does not: every request still sends 5 tries, only later', () => {
    expect(outcomes({ 'trigger-duration': '8s', fix: 'backoff' })).toEqual([0, 0, 0, 0, 0]);
  });

  test('the collapse is sustained by retries: with none, the same cut recovers', () => {
    expect(outcomes({ 'trigger-duration': '8s', 'max-retries': '0' })).toEqual([1, 1, 1, 1, 1]);
  });
});
