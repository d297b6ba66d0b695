/**
 * A growable FIFO of integers on an Int32Array; capacity stays a power of two so wrapping is
 * a mask. `pop` takes from the back, so it also serves as a deque (a LIFO queue).
 */
export class RingBuffer {
  private buf: Int32Array;
  private head = 0;
  length = 0;

  constructor(initialCapacity = 64) {
    let n = 4;
    while (n < initialCapacity) n *= 2;
    this.buf = new Int32Array(n);
  }

  push(x: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[(this.head + this.length) & (this.buf.length - 1)] = x;
    this.length++;
  }

  shift(): number {
    if (this.length === 0) return -1;
    const x = this.buf[this.head]!;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.length--;
    return x;
  }

  /** Removes and returns the newest entry (the back), or -1 when empty. */
  pop(): number {
    if (this.length === 0) return -1;
    this.length--;
    return this.buf[(this.head + this.length) & (this.buf.length - 1)]!;
  }

  peek(): number {
    return this.length === 0 ? -1 : this.buf[this.head]!;
  }

  remove(x: number): boolean {
    const mask = this.buf.length - 1;
    for (let i = 0; i < this.length; i++) {
      if (this.buf[(this.head + i) & mask] === x) {
        for (let j = i; j < this.length - 1; j++) this.buf[(this.head + j) & mask] = this.buf[(this.head + j + 1) & mask]!;
        this.length--;
        return true;
      }
    }
    return false;
  }

  forEach(fn: (x: number) => void): void {
    const mask = this.buf.length - 1;
    for (let i = 0; i < this.length; i++) fn(this.buf[(this.head + i) & mask]!);
  }

  private grow(): void {
    const next = new Int32Array(this.buf.length * 2);
    const mask = this.buf.length - 1;
    for (let i = 0; i < this.length; i++) next[i] = this.buf[(this.head + i) & mask]!;
    this.buf = next;
    this.head = 0;
  }
}
