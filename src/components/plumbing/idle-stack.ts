/**
 * The idle workers (servers, processes) of a pool, as a stack of indices: the worker that went
 * idle last is taken first, and a new pool hands out worker 0 first. Push and pop are O(1)
 * and allocate nothing.
 */
export class IdleStack {
  private stack: Int32Array;
  /** Idle workers now. */
  count = 0;

  /** A stack holding workers 0..n-1, with 0 on top. */
  constructor(n: number, capacity = n) {
    this.stack = new Int32Array(Math.max(1, capacity));
    for (let i = 0; i < n; i++) this.stack[i] = n - 1 - i;
    this.count = n;
  }

  pop(): number {
    return this.stack[--this.count]!;
  }

  push(worker: number): void {
    if (this.count === this.stack.length) {
      const next = new Int32Array(this.stack.length * 2);
      next.set(this.stack);
      this.stack = next;
    }
    this.stack[this.count++] = worker;
  }

  /**
   * Removes `worker` if idle (a worker that died or was retired), moving the top of the stack
   * into its place; false if it was not idle.
   */
  remove(worker: number): boolean {
    for (let i = 0; i < this.count; i++) {
      if (this.stack[i] === worker) {
        this.stack[i] = this.stack[--this.count]!;
        return true;
      }
    }
    return false;
  }

  /** Reverses the order: a pool that pushed workers 0, 1, 2... as they came up takes 0 first. */
  reverse(): void {
    this.stack.subarray(0, this.count).reverse();
  }
}
