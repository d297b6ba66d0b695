/**
 * Receives events. Components implement this once and tell their events apart by `tag`;
 * `arg` carries a number (a job id, a slot index). Scheduling an event therefore allocates
 * nothing: no closure, no record object.
 */
export interface EventHandler {
  handleEvent(tag: number, arg: number): void;
}

/** Opaque handle of a scheduled event, for `cancel`. */
export type EventHandle = number;

// A handle packs the slot and the slot's generation, so a stale handle (its event already
// fired or cancelled, the slot reused) cancels nothing.
const SLOT_BITS = 2 ** 26;

/**
 * The future-event set: a binary min-heap of slot indices over typed arrays, ordered by
 * (time, sequence number). The sequence number grows with every schedule, so events at the
 * same time fire in the order they were scheduled (FIFO among equals, as in SimPy) and never
 * depend on chance or hash order.
 *
 * Cancellation is lazy: a cancelled slot stays in the heap with no handler and is skipped
 * when it reaches the top.
 */
export class EventQueue {
  // Keys live in heap order (heapTimes[pos], heapSeqs[pos]) beside the slot at that position,
  // so comparisons read adjacent memory instead of going through the slot index.
  private heapTimes: Float64Array;
  private heapSeqs: Float64Array;
  private tags: Int32Array;
  private args: Float64Array;
  private gens: Uint32Array;
  private handlers: (EventHandler | null)[];
  private heap: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;
  private heapSize = 0;
  private nextSeq = 0;
  private live = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.heapTimes = new Float64Array(n);
    this.heapSeqs = new Float64Array(n);
    this.tags = new Int32Array(n);
    this.args = new Float64Array(n);
    this.gens = new Uint32Array(n);
    this.handlers = new Array<EventHandler | null>(n).fill(null);
    this.heap = new Int32Array(n);
    this.free = new Int32Array(n);
  }

  /** Events scheduled and not yet fired or cancelled. */
  get size(): number {
    return this.live;
  }

  push(time: number, handler: EventHandler, tag: number, arg: number): EventHandle {
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.free[--this.freeCount]!;
    } else {
      if (this.slotsUsed === this.tags.length) this.grow();
      slot = this.slotsUsed++;
    }
    this.tags[slot] = tag;
    this.args[slot] = arg;
    this.handlers[slot] = handler;
    this.live++;
    this.siftUp(this.heapSize++, slot, time, this.nextSeq++);
    return this.gens[slot]! * SLOT_BITS + slot;
  }

  /** Cancels a scheduled event; returns false if it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_BITS;
    const gen = (handle - slot) / SLOT_BITS;
    if (slot >= this.slotsUsed || this.gens[slot] !== gen || this.handlers[slot] === null) return false;
    this.handlers[slot] = null;
    this.live--;
    return true;
  }

  /** Time of the next live event, or Infinity when none remain. */
  peekTime(): number {
    this.dropCancelledTop();
    return this.heapSize > 0 ? this.heapTimes[0]! : Infinity;
  }

  // The fields of the event last popped; valid until the next push or pop.
  poppedTime = 0;
  poppedTag = 0;
  poppedArg = 0;
  poppedHandler: EventHandler | null = null;

  /** Removes the next live event into the popped* fields; returns false when none remain. */
  pop(): boolean {
    return this.popBefore(Infinity);
  }

  /** Like pop, but only an event with time < untilS; returns false (removing nothing) otherwise. */
  popBefore(untilS: number): boolean {
    this.dropCancelledTop();
    if (this.heapSize === 0 || !(this.heapTimes[0]! < untilS)) return false;
    this.poppedTime = this.heapTimes[0]!;
    const slot = this.removeTop();
    this.poppedTag = this.tags[slot]!;
    this.poppedArg = this.args[slot]!;
    this.poppedHandler = this.handlers[slot]!;
    this.release(slot);
    this.live--;
    return true;
  }

  private dropCancelledTop(): void {
    while (this.heapSize > 0 && this.handlers[this.heap[0]!] === null) {
      this.release(this.removeTop());
    }
  }

  private release(slot: number): void {
    this.handlers[slot] = null;
    this.gens[slot] = (this.gens[slot]! + 1) >>> 0;
    this.free[this.freeCount++] = slot;
  }

  private removeTop(): number {
    const top = this.heap[0]!;
    const last = --this.heapSize;
    if (last > 0) this.siftDown(this.heap[last]!, this.heapTimes[last]!, this.heapSeqs[last]!);
    return top;
  }

  // Heap order is (time, seq): an earlier time first, and among equal times the lower seq.
  private siftUp(pos: number, slot: number, t: number, q: number): void {
    const heap = this.heap;
    const times = this.heapTimes;
    const seqs = this.heapSeqs;
    while (pos > 0) {
      const parentPos = (pos - 1) >> 1;
      const tp = times[parentPos]!;
      if (tp < t || (tp === t && seqs[parentPos]! < q)) break;
      heap[pos] = heap[parentPos]!;
      times[pos] = tp;
      seqs[pos] = seqs[parentPos]!;
      pos = parentPos;
    }
    heap[pos] = slot;
    times[pos] = t;
    seqs[pos] = q;
  }

  /** Places (slot, t, q) from the root down, the root's old entry being removed. */
  private siftDown(slot: number, t: number, q: number): void {
    const heap = this.heap;
    const times = this.heapTimes;
    const seqs = this.heapSeqs;
    const size = this.heapSize;
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= size) break;
      let tc = times[child]!;
      const right = child + 1;
      if (right < size) {
        const tr = times[right]!;
        if (tr < tc || (tr === tc && seqs[right]! < seqs[child]!)) {
          child = right;
          tc = tr;
        }
      }
      if (t < tc || (t === tc && q < seqs[child]!)) break;
      heap[pos] = heap[child]!;
      times[pos] = tc;
      seqs[pos] = seqs[child]!;
      pos = child;
    }
    heap[pos] = slot;
    times[pos] = t;
    seqs[pos] = q;
  }

  private grow(): void {
    const n = this.tags.length * 2;
    if (n > SLOT_BITS) throw new Error(`more than ${SLOT_BITS} events scheduled at once`);
    this.heapTimes = growF64(this.heapTimes, n);
    this.heapSeqs = growF64(this.heapSeqs, n);
    this.args = growF64(this.args, n);
    const tags = new Int32Array(n);
    tags.set(this.tags);
    this.tags = tags;
    const gens = new Uint32Array(n);
    gens.set(this.gens);
    this.gens = gens;
    const heap = new Int32Array(n);
    heap.set(this.heap);
    this.heap = heap;
    const free = new Int32Array(n);
    free.set(this.free);
    this.free = free;
    for (let i = this.handlers.length; i < n; i++) this.handlers.push(null);
  }
}

function growF64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
