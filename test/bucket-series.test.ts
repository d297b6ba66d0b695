import { expect, test } from 'vitest';
import { BucketSeries } from '../src/metrics/bucket-series.ts';

test('buckets skipped over read as NaN, before and after the series grows', () => {
  const s = new BucketSeries(4);
  s.set(0, 1);
  s.set(3, 2);
  expect(s.toArray()).toEqual([1, NaN, NaN, 2]);
  s.set(9, 0); // past the 4 allocated: grows, and 4..8 hold no value
  s.set(1, 5); // an earlier bucket can still be written
  expect(s.toArray()).toEqual([1, 5, NaN, 2, NaN, NaN, NaN, NaN, NaN, 0]);
  expect(s.length).toBe(10);
  expect(s.get(9)).toBe(0);
  expect(s.get(10)).toBeNaN();
  expect(s.max()).toBe(5);
  const empty = new BucketSeries(8);
  expect(empty.toArray()).toEqual([]);
  expect(empty.max()).toBeNaN();
  empty.set(2, 0);
  expect(empty.toArray()).toEqual([NaN, NaN, 0]);
});
