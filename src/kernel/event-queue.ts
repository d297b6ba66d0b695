import { Ladder, type LadderHost } from './ladder.ts';

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

// A handle packs the slot and the event's sequence number modulo 2^27 (so the handle stays an
// exact integer below 2^53): a stale handle, whose event already fired or was cancelled and
// whose slot now holds another event, cancels nothing, unless exactly a multiple of 2^27
// events were scheduled in between and the slot's event is that one.
const SLOT_BITS = 2 ** 26;
const HANDLE_SEQS = 2 ** 27;

// The heap holds up to this many events alone; beyond it, events spill into the ladder.
const SPILL = 512;

/**
 * The future-event set, ordered by (time, sequence number). The sequence number grows with
 * every schedule, so events at the same time fire in the order they were scheduled (FIFO
 * among equals, as in SimPy) and never depend on chance or hash order.
 *
 * Events due soonest sit in a binary heap ordered by (time, sequence). Up to SPILL events
 * pending, the heap is all there is; beyond that, the later events sit in a ladder queue
 * (see Ladder) that feeds the heap a bucket at a time, so the cost per event stays nearly
 * flat as the number pending grows instead of climbing with log2(n) sifts through a heap
 * spread over megabytes.
 *
 * Cancellation is lazy: a cancelled slot keeps its place with no handler and is dropped
 * when it is moved or reaches the top of the heap.
 */
export class EventQueue implements LadderHost {
  // Per slot, one 32-byte record (half a cache line): doubles [time, seq, arg, tag], the tag
  // read back with | 0, the int32 an Int32Array view would hold (one array, not a second view
  // for the tag: add and pop pay one array's checks). Handlers beside, in a plain array. The
  // ladder keeps its own copy of the keys, so a record is read when its event moves into the
  // heap and when it fires, and not in between. The records start where a cache line does,
  // where the allocator allows (see records). (Read by the ladder, through LadderHost; not
  // for use outside the kernel.)
  rec: Float64Array;
  handlers: (EventHandler | null)[];
  private free: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;
  private nextSeq = 0;
  private live = 0;

  // The heap, in one array: at position p, the event's time (heap[2p]) beside its slot
  // (heap[2p + 1]), so that a sift reads adjacent memory and pays one array's checks per
  // level (V8 checks each typed array again on every pass of a loop). Sequence numbers,
  // which order only events at equal times, are read from the records when times tie.
  // (The ladder fills it when it is empty, through LadderHost.)
  heap: Float64Array;
  heapSize = 0;
  /**
   * 1 when the root is an event already popped (counted in heapSize), waiting to be replaced.
   * (The flags read per event are 0 or 1, not booleans: V8's optimised code tested a boolean
   * field as any value, a dozen instructions when true, where 0 or 1 takes two.)
   */
  private hole = 0;

  private readonly ladder = new Ladder(this);

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.rec = records(n);
    // Filled by push, not new Array(n).fill: an array made with holes keeps a holey elements
    // kind, and every read of it then checks for a hole as well as for null.
    this.handlers = [];
    for (let i = 0; i < n; i++) this.handlers.push(null);
    this.free = new Int32Array(n);
    // Room for a plain heap, so that pushing onto one never has to check for growth.
    this.heap = new Float64Array(2 * SPILL);
  }

  /** Events scheduled and not yet fired or cancelled. */
  get size(): number {
    return this.live;
  }

  // The hot paths are kept small in bytecode, so that V8 inlines them into the components
  // that call them. A double passed to or returned from a call V8 does not inline is boxed
  // on the heap (an allocation per event); so the sifts and the ladder's methods take integer
  // arguments alone, and Simulation hands a new event's time and arg over in fields
  // (nextTime, nextArg) and turns the slot add() returns into a handle itself.
  push(time: number, handler: EventHandler, tag: number, arg: number): EventHandle {
    this.nextTime = time;
    this.nextArg = arg;
    return this.handle(this.add(handler, tag));
  }

  /** Time and arg of the event the next add() schedules (see push). */
  nextTime = 0;
  nextArg = 0;

  /** Schedules an event at nextTime with nextArg; returns its slot, for handle(). */
  add(handler: EventHandler, tag: number): number {
    const slot = this.freeCount > 0 ? this.free[--this.freeCount]! : this.newSlot();
    const rec = this.rec;
    const r = slot << 2;
    rec[r] = this.nextTime;
    rec[r | 1] = this.nextSeq++;
    rec[r | 2] = this.nextArg;
    rec[r | 3] = tag;
    this.handlers[slot] = handler;
    this.live++;
    this.insert(slot);
    return slot;
  }

  /** The handle of the event add() scheduled last, in slot. */
  handle(slot: number): EventHandle {
    // (A sequence number is a whole number below 2^53, and & takes it modulo 2^32 before the
    // mask, which 2^27 divides: this is seq modulo 2^27 without a double's %, a library call.)
    return ((this.nextSeq - 1) & (HANDLE_SEQS - 1)) * SLOT_BITS + slot;
  }

  /** Puts the event in slot into the heap, or into the ladder when it is in use. */
  private insert(slot: number): void {
    if (this.ladder.inUse !== 0) this.place(slot);
    else if (this.hole !== 0) {
      // The root's event has been popped: the new one takes its place and sifts down, one
      // pass instead of a sift for the removal and another for the insertion.
      this.hole = 0;
      this.siftDown(slot);
    } else if (this.heapSize < SPILL) this.siftUp(this.heapSize++, slot);
    else this.place(slot);
  }

  /** Hands the event to the ladder, first moving the heap there if it has grown too large. */
  private place(slot: number): void {
    if (this.hole !== 0) this.fillHole();
    if (this.ladder.inUse === 0) this.ladder.spill();
    this.ladder.place(slot);
  }

  private newSlot(): number {
    if (this.slotsUsed === this.handlers.length) this.grow();
    return this.slotsUsed++;
  }

  /** Cancels a scheduled event; returns false if it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_BITS;
    const seq = (handle - slot) / SLOT_BITS;
    if (slot >= this.slotsUsed || this.handlers[slot] === null || (this.rec[4 * slot + 1]! & (HANDLE_SEQS - 1)) !== seq) return false;
    this.handlers[slot] = null;
    this.live--;
    return true;
  }

  /** Time of the next live event, or Infinity when none remain. */
  peekTime(): number {
    if ((this.hole !== 0 || this.heapSize === 0 || this.handlers[this.heap[1]! | 0] === null) && !this.settle()) return Infinity;
    return this.heap[0]!;
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
    if (this.hole !== 0) this.fillHole();
    if ((this.heapSize === 0 || this.handlers[this.heap[1]! | 0] === null) && !this.settle()) return false;
    const t = this.heap[0]!;
    if (!(t < untilS)) return false;
    this.poppedTime = t;
    const slot = this.heap[1]! | 0;
    // The root is left in place as a hole, for the next push to fill (see push).
    this.hole = 1;
    this.poppedTag = this.rec[(slot << 2) | 3]! | 0;
    this.poppedArg = this.rec[(slot << 2) | 2]!;
    this.poppedHandler = this.handlers[slot]!;
    this.handlers[slot] = null;
    this.free[this.freeCount++] = slot;
    this.live--;
    return true;
  }

  /** Removes the popped root for good: the last entry takes its place and sifts down. */
  private fillHole(): void {
    this.hole = 0;
    const last = --this.heapSize;
    if (last > 0) this.siftDown(this.heap[(last << 1) | 1]! | 0);
  }

  /** Brings the next live event to the top of the heap; false when none remain. */
  private settle(): boolean {
    if (this.hole !== 0) this.fillHole();
    for (;;) {
      if (this.heapSize === 0) {
        if (this.ladder.inUse === 0 || !this.ladder.refill(this.live)) return false;
        continue;
      }
      if (this.handlers[this.heap[1]! | 0] !== null) return true;
      this.release(this.removeTop());
    }
  }

  release(slot: number): void {
    this.handlers[slot] = null;
    this.free[this.freeCount++] = slot;
  }

  heapPush(slot: number): void {
    if (this.heapSize << 1 === this.heap.length) this.growHeap();
    this.siftUp(this.heapSize++, slot);
  }

  reserveHeap(n: number): void {
    while (this.heap.length < n << 1) this.growHeap();
  }

  /** Floyd's heap construction over the entries in the heap's array. */
  heapify(): void {
    for (let p = (this.heapSize >> 1) - 1; p >= 0; p--) this.siftDownFrom(p);
  }

  /**
   * Restores heap order below pos, whose entry may be later than its children's (for heapify,
   * over a bucket just moved in).
   */
  private siftDownFrom(pos: number): void {
    const heap = this.heap;
    const size = this.heapSize;
    const t = heap[pos << 1]!;
    const slot = heap[(pos << 1) | 1]! | 0;
    for (;;) {
      let child = (pos << 1) + 1;
      if (child >= size) break;
      let tc = heap[child << 1]!;
      const right = child + 1;
      if (right < size) {
        const tr = heap[right << 1]!;
        if (tr < tc || (tr === tc && this.seqAt(right) < this.seqAt(child))) {
          child = right;
          tc = tr;
        }
      }
      if (t < tc || (t === tc && this.seqOf(slot) < this.seqAt(child))) break;
      heap[pos << 1] = tc;
      heap[(pos << 1) | 1] = heap[(child << 1) | 1]!;
      pos = child;
    }
    heap[pos << 1] = t;
    heap[(pos << 1) | 1] = slot;
  }

  private removeTop(): number {
    const top = this.heap[1]! | 0;
    const last = --this.heapSize;
    if (last > 0) this.siftDown(this.heap[(last << 1) | 1]! | 0);
    return top;
  }

  // Heap order is (time, seq): an earlier time first, and among equal times the lower seq.
  // The sifts take the slot alone and read its time from the record, and a sequence number
  // only when two times are equal: V8 passes numbers to a call it does not inline as heap
  // objects, so double arguments would allocate.

  /** The sequence number of the event in slot. */
  private seqOf(slot: number): number {
    return this.rec[(slot << 2) | 1]!;
  }

  /** The sequence number of the event at heap position pos. */
  private seqAt(pos: number): number {
    return this.rec[((this.heap[(pos << 1) | 1]! | 0) << 2) | 1]!;
  }

  private siftUp(pos: number, slot: number): void {
    const t = this.rec[slot << 2]!;
    const heap = this.heap;
    while (pos > 0) {
      const parentPos = (pos - 1) >> 1;
      const tp = heap[parentPos << 1]!;
      if (tp < t || (tp === t && this.seqAt(parentPos) < this.seqOf(slot))) break;
      heap[pos << 1] = tp;
      heap[(pos << 1) | 1] = heap[(parentPos << 1) | 1]!;
      pos = parentPos;
    }
    heap[pos << 1] = t;
    heap[(pos << 1) | 1] = slot;
  }

  /** Places slot from the root down, the root's old entry being removed. */
  private siftDown(slot: number): void {
    const t = this.rec[slot << 2]!;
    const heap = this.heap;
    const size = this.heapSize;
    let pos = 0;
    for (;;) {
      let child = (pos << 1) + 1;
      if (child >= size) break;
      let tc = heap[child << 1]!;
      const right = child + 1;
      if (right < size) {
        const tr = heap[right << 1]!;
        if (tr < tc || (tr === tc && this.seqAt(right) < this.seqAt(child))) {
          child = right;
          tc = tr;
        }
      }
      if (t < tc || (t === tc && this.seqOf(slot) < this.seqAt(child))) break;
      heap[pos << 1] = tc;
      heap[(pos << 1) | 1] = heap[(child << 1) | 1]!;
      pos = child;
    }
    heap[pos << 1] = t;
    heap[(pos << 1) | 1] = slot;
  }

  private growHeap(): void {
    this.heap = growF64(this.heap, this.heap.length * 2);
  }

  private grow(): void {
    const n = this.handlers.length * 2;
    if (n > SLOT_BITS) throw new Error(`more than ${SLOT_BITS} events scheduled at once`);
    const rec = records(n);
    rec.set(this.rec);
    this.rec = rec;
    this.free = growI32(this.free, n);
    for (let i = this.handlers.length; i < n; i++) this.handlers.push(null);
  }
}

/**
 * The records of n slots, 32 bytes each, placed so that none straddles two cache lines where
 * the allocator's placement is known. glibc's malloc, which gives Node its ArrayBuffers on
 * Linux, maps a large block on pages of its own and hands it out 16 bytes past the first
 * page's start, behind its chunk header: records laid from there would start at 16 and 48
 * bytes into a 64-byte line, every other one cut in two. A cut record costs two cache misses
 * instead of one when its event, scheduled long before, moves into the heap and fires (hold
 * model at 10⁶ pending: 0.82× the CPU time per event once aligned; docs/performance.md).
 * Skipping 16 bytes puts them at 0 and 32. Elsewhere (macOS maps large blocks page-aligned)
 * they start at the buffer's start. A block glibc serves from its heap instead may start at
 * any 16-byte boundary. Only speed depends on it.
 */
function records(n: number): Float64Array {
  const skip = RECORD_SKIP;
  return new Float64Array(new ArrayBuffer(skip + 32 * n), skip, 4 * n);
}

/** Bytes skipped before the first record (see records). */
export const RECORD_SKIP = typeof process !== 'undefined' && process.platform === 'linux' ? 16 : 0;

function growF64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

function growI32(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
