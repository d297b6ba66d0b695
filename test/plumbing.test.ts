import { describe, expect, test } from 'vitest';
import { covering, FreeList, grown, IdleStack } from '../src/internal.ts';

describe('shared component plumbing', () => {
  test('grown copies a column into a larger one of the same type, the tail set to the fill value', () => {
    const a = Float64Array.of(1, 2, 3);
    const b = grown(a, 6, NaN);
    expect(b).toBeInstanceOf(Float64Array);
    expect([...b]).toEqual([1, 2, 3, NaN, NaN, NaN]);
    expect([...grown(Int32Array.of(-1, 7), 4)]).toEqual([-1, 7, 0, 0]);
    expect(covering(a, 2)).toBe(a);
    expect(covering(a, 3).length).toBe(6);
    expect(covering(a, 13).length).toBe(24);
  });

  test('a free list hands out new slots in order, reuses the last freed first, and grows its owner by doubling', () => {
    const grows: number[] = [];
    const slots = new FreeList(2, (n) => grows.push(n));
    expect([slots.alloc(), slots.alloc(), slots.alloc()]).toEqual([0, 1, 2]);
    expect(grows).toEqual([4]);
    slots.release(0);
    slots.release(2);
    expect(slots.live).toBe(1);
    expect([slots.alloc(), slots.alloc(), slots.alloc(), slots.alloc(), slots.alloc()]).toEqual([2, 0, 3, 4, 5]);
    expect(grows).toEqual([4, 8]);
    expect(slots.used).toBe(6);
  });

  test('an idle stack gives worker 0 first, takes back the last idle first, and removes a worker in O(1)', () => {
    const idle = new IdleStack(3);
    expect(idle.pop()).toBe(0);
    expect(idle.pop()).toBe(1);
    idle.push(0);
    expect(idle.pop()).toBe(0);
    for (const w of [0, 1, 3, 4]) idle.push(w);
    expect(idle.remove(1)).toBe(true);
    expect(idle.remove(9)).toBe(false);
    expect(idle.count).toBe(4);
    const order: number[] = [];
    while (idle.count > 0) order.push(idle.pop());
    expect(order).toEqual([3, 4, 0, 2]); // 4 moved into 1's place
    const started = new IdleStack(0, 1);
    for (const w of [0, 1, 2]) started.push(w);
    started.reverse();
    expect([started.pop(), started.pop(), started.pop()]).toEqual([0, 1, 2]);
  });
});
