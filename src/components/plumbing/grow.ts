/** The typed arrays components keep their per-slot state in. */
export type TypedColumn = Float64Array | Int32Array | Uint32Array | Uint8Array;

/**
 * A copy of `a` with room for `n` entries (n >= a.length), the new tail zeroed. Components
 * grow their columns by doubling through this one function; callers must re-read a column
 * after growing it, since the old array is left behind.
 */
export function grown<A extends TypedColumn>(a: A, n: number): A {
  const b = new (a.constructor as new (n: number) => A)(n);
  b.set(a);
  return b;
}

/** The next capacity at least `needed`, doubling from `current` (at least 1). */
export function doubledCapacity(current: number, needed: number): number {
  let n = Math.max(1, current);
  while (n < needed) n *= 2;
  return n;
}
