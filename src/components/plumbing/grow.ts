/** The typed arrays components keep their per-slot state in. */
export type TypedColumn = Float64Array | Int32Array | Uint32Array | Uint8Array;

/**
 * A copy of `a` with room for `n` entries (n >= a.length), the new tail set to `fill`.
 * Components grow their columns by doubling through this one function; callers must re-read
 * a column after growing it, since the old array is left behind.
 */
export function grown<A extends TypedColumn>(a: A, n: number, fill = 0): A {
  const b = new (a.constructor as new (n: number) => A)(n);
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
}

/** The next capacity at least `needed`, doubling from `current` (at least 1). */
export function doubledCapacity(current: number, needed: number): number {
  let n = Math.max(1, current);
  while (n < needed) n *= 2;
  return n;
}

/** `a` if it has an entry `index`, else a copy grown by doubling until it does (tail set to `fill`). */
export function covering<A extends TypedColumn>(a: A, index: number, fill = 0): A {
  return index < a.length ? a : grown(a, doubledCapacity(a.length, index + 1), fill);
}
