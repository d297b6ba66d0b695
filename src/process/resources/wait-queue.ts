import type { Process } from '../process.ts';

/**
 * Processes waiting for a resource, in the order they will be served. Each entry remembers
 * the wait id it was made for; an entry whose wait ended otherwise (a timeout, an interrupt)
 * is stale and skipped when it reaches the head, so leaving costs O(1). Stale entries are
 * swept out once they outnumber the live ones.
 */
export interface WaitQueue {
  /** Entries whose wait is still open. */
  readonly live: number;
  /** Queues wait `id` of `p`, with its priority (lower first) and what it brings (a put's item). */
  push(p: Process<unknown>, id: number, priority: number, item: unknown): void;
  /** The first live waiter (stale entries ahead of it are dropped), or null. */
  head(): Process<unknown> | null;
  /** What the head waiter brought. */
  headItem(): unknown;
  /** Removes the live head, after `head()` returned it. */
  shift(): void;
  /** A queued waiter's wait ended otherwise; its entry is now stale. */
  forget(): void;
}

/** First come, first served. A ring of entries. */
export class FifoWaitQueue implements WaitQueue {
  live = 0;
  private procs: (Process<unknown> | null)[] = new Array<Process<unknown> | null>(16).fill(null);
  private ids: number[] = new Array<number>(16).fill(0);
  private items: unknown[] = new Array<unknown>(16).fill(undefined);
  private first = 0;
  private size = 0;

  push(p: Process<unknown>, id: number, _priority: number, item: unknown): void {
    if (this.size === this.procs.length) this.resize(this.procs.length * 2);
    const i = (this.first + this.size) & (this.procs.length - 1);
    this.procs[i] = p;
    this.ids[i] = id;
    this.items[i] = item;
    this.size++;
    this.live++;
  }

  head(): Process<unknown> | null {
    while (this.size > 0) {
      const p = this.procs[this.first]!;
      if (p.isWaitingOn(this.ids[this.first]!)) return p;
      this.drop();
    }
    return null;
  }

  headItem(): unknown {
    return this.items[this.first];
  }

  shift(): void {
    this.live--;
    this.drop();
  }

  forget(): void {
    this.live--;
    if (this.size > 2 * this.live + 64) this.resize(this.procs.length);
  }

  private drop(): void {
    this.procs[this.first] = null;
    this.items[this.first] = undefined;
    this.first = (this.first + 1) & (this.procs.length - 1);
    this.size--;
  }

  /** Copies the live entries, in order, into arrays of length n (a power of two). */
  private resize(n: number): void {
    const procs = new Array<Process<unknown> | null>(n).fill(null);
    const ids = new Array<number>(n).fill(0);
    const items = new Array<unknown>(n).fill(undefined);
    const mask = this.procs.length - 1;
    let k = 0;
    for (let j = 0; j < this.size; j++) {
      const i = (this.first + j) & mask;
      const p = this.procs[i]!;
      if (!p.isWaitingOn(this.ids[i]!)) continue;
      procs[k] = p;
      ids[k] = this.ids[i]!;
      items[k] = this.items[i];
      k++;
    }
    this.procs = procs;
    this.ids = ids;
    this.items = items;
    this.first = 0;
    this.size = k;
  }
}

interface Entry {
  p: Process<unknown>;
  id: number;
  priority: number;
  seq: number;
  item: unknown;
}

/** Lower priority first; equal priorities in arrival order. A binary heap on (priority, seq). */
export class PriorityWaitQueue implements WaitQueue {
  live = 0;
  private heap: Entry[] = [];
  private nextSeq = 0;

  push(p: Process<unknown>, id: number, priority: number, item: unknown): void {
    const e: Entry = { p, id, priority, seq: this.nextSeq++, item };
    const heap = this.heap;
    let pos = heap.length;
    heap.push(e);
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (before(heap[parent]!, e)) break;
      heap[pos] = heap[parent]!;
      pos = parent;
    }
    heap[pos] = e;
    this.live++;
  }

  head(): Process<unknown> | null {
    while (this.heap.length > 0) {
      const e = this.heap[0]!;
      if (e.p.isWaitingOn(e.id)) return e.p;
      this.pop();
    }
    return null;
  }

  headItem(): unknown {
    return this.heap[0]?.item;
  }

  shift(): void {
    this.live--;
    this.pop();
  }

  forget(): void {
    this.live--;
    if (this.heap.length > 2 * this.live + 64) {
      // A sorted array is a valid heap.
      this.heap = this.heap.filter((e) => e.p.isWaitingOn(e.id)).sort((a, b) => (before(a, b) ? -1 : 1));
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && before(heap[child + 1]!, heap[child]!)) child++;
      if (before(last, heap[child]!)) break;
      heap[pos] = heap[child]!;
      pos = child;
    }
    heap[pos] = last;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq);
}
