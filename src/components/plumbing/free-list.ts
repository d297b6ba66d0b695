/**
 * Hands out small integer slots and takes them back, reusing freed slots first (last freed,
 * first reused), so per-slot state lives in typed arrays indexed by slot and memory follows
 * what is in flight, not what was ever created. `capacity` grows by doubling; `onGrow(n)`
 * lets the owner grow its own columns to `n` in the same step.
 */
export class FreeList {
  /** Slots ever handed out: every live or freed slot is below this. */
  used = 0;
  private free: Int32Array;
  private freeCount = 0;

  constructor(
    public capacity: number,
    private readonly onGrow: (n: number) => void,
  ) {
    this.free = new Int32Array(Math.max(1, capacity));
  }

  /** Slots handed out and not freed. */
  get live(): number {
    return this.used - this.freeCount;
  }

  // alloc and release are on the per-job paths; growing is out of line, so that their
  // bytecode stays small and V8's inlining budget for their callers goes further.

  alloc(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
    if (this.used === this.capacity) this.grow();
    return this.used++;
  }

  release(slot: number): void {
    if (this.freeCount === this.free.length) this.growFree();
    this.free[this.freeCount++] = slot;
  }

  private grow(): void {
    const n = this.capacity * 2;
    this.onGrow(n);
    this.capacity = n;
  }

  private growFree(): void {
    const next = new Int32Array(Math.max(this.free.length * 2, this.capacity));
    next.set(this.free);
    this.free = next;
  }
}
