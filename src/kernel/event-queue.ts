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
 * An event's fields (time, sequence, arg, tag, handler) travel with it: in a ladder entry
 * while it waits there, in a heap record while it is in the heap. An event also holds a slot,
 * which names it to `cancel` and is all that stays put: the sequence number its handle
 * carries (written when it is scheduled and when it fires or is cancelled, read by cancel
 * alone) and a cancelled bit. So an event moving in from the ladder or firing reads nothing
 * that lies where its slot happens to be (with a million pending, a random cache line each),
 * and the cancelled bits, an eighth of a byte per slot, stay in cache.
 *
 * Cancellation is lazy: a cancelled event's bit is set, and the event is dropped (its bit
 * cleared, its slot freed) when it moves into the heap or reaches the top of the heap.
 */
export class EventQueue implements LadderHost {
  /** Per slot, one bit: set while the slot's event is cancelled and not yet dropped. */
  cancelled: Int32Array;
  /**
   * Per slot, while its event is scheduled, the event's sequence number modulo HANDLE_SEQS,
   * which its handle carries; -1 once it has fired or been cancelled.
   */
  private slotSeq: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;
  /** The sequence number the next add() gives its event. */
  nextSeq = 0;
  /** nextSeq modulo HANDLE_SEQS, kept apart: a double's % is a library call. */
  private handleSeq = 0;
  private live = 0;
  /** Events cancelled and not yet dropped: while there are none, the top needs no check. */
  private cancelledCount = 0;

  // The heap: keys in heap order beside the record at each position, so comparisons read
  // adjacent memory instead of going through the record. (The ladder fills it when it is
  // empty, through LadderHost.)
  heapTimes: Float64Array;
  heapSeqs: Float64Array;
  heap: Int32Array;
  heapSize = 0;
  /** The root is an event already popped (counted in heapSize), waiting to be replaced. */
  private hole = false;
  // The heap's records, one per place in the heap: 32 bytes each, doubles [time, seq, arg, -]
  // over ints [.., .., .., .., .., .., slot, tag], the layout of a ladder entry; handlers
  // beside. Those not in use are on a LIFO free list (a popped root's record goes to the next
  // event added, with the hole).
  pool: Float64Array;
  poolI: Int32Array;
  poolH: (EventHandler | null)[];
  poolFree: Int32Array;
  poolFreeCount = 0;

  private readonly ladder = new Ladder(this);

  constructor(initialCapacity = 1024) {
    const n = Math.max(32, initialCapacity);
    this.cancelled = new Int32Array((n + 31) >> 5);
    this.slotSeq = new Int32Array(n);
    this.free = new Int32Array(n);
    // Room for a plain heap, so that pushing onto one never has to check for growth.
    const h = SPILL;
    this.heapTimes = new Float64Array(h);
    this.heapSeqs = new Float64Array(h);
    this.heap = new Int32Array(h);
    this.pool = new Float64Array(4 * h);
    this.poolI = new Int32Array(this.pool.buffer);
    this.poolH = new Array<EventHandler | null>(h).fill(null);
    this.poolFree = new Int32Array(h);
    this.freeRecords();
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
    this.slotSeq[slot] = this.handleSeq;
    this.handleSeq = (this.handleSeq + 1) & (HANDLE_SEQS - 1);
    this.live++;
    this.insert(slot, handler, tag);
    this.nextSeq++;
    return slot;
  }

  /** Puts the new event into the heap, or into the ladder when it is in use. */
  private insert(slot: number, handler: EventHandler, tag: number): void {
    const hole = this.hole;
    if (this.ladder.inUse || (!hole && this.heapSize >= SPILL)) {
      this.place(slot, handler, tag);
      return;
    }
    // The root's event has been popped: the new one takes its place (and its record) and
    // sifts down, one pass instead of a sift for the removal and another for the insertion.
    const p = this.record(hole ? this.heap[0]! : this.poolFree[--this.poolFreeCount]!, slot, handler, tag);
    if (hole) {
      this.hole = false;
      this.siftDown(p);
    } else this.siftUp(this.heapSize++, p);
  }

  /** The handle of the event add() scheduled last, in slot. */
  handle(slot: number): EventHandle {
    return ((this.handleSeq - 1) & (HANDLE_SEQS - 1)) * SLOT_BITS + slot;
  }

  /** Writes the new event (nextTime, nextSeq, nextArg and the rest) into heap record p; returns p. */
  private record(p: number, slot: number, handler: EventHandler, tag: number): number {
    const r = 4 * p;
    const pool = this.pool;
    pool[r] = this.nextTime;
    pool[r + 1] = this.nextSeq;
    pool[r + 2] = this.nextArg;
    const poolI = this.poolI;
    poolI[2 * r + 6] = slot;
    poolI[2 * r + 7] = tag;
    this.poolH[p] = handler;
    return p;
  }

  /** Hands the new event to the ladder, first moving the heap there if it has grown too large. */
  private place(slot: number, handler: EventHandler, tag: number): void {
    if (this.hole) this.fillHole();
    if (!this.ladder.inUse) this.ladder.spill();
    this.ladder.place(slot, handler, tag);
  }

  private newSlot(): number {
    if (this.slotsUsed === this.slotSeq.length) this.grow();
    return this.slotsUsed++;
  }

  /** Cancels a scheduled event; returns false if it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_BITS;
    const seq = (handle - slot) / SLOT_BITS;
    // (a free slot's seq is -1: it was cancelled or fired)
    if (slot >= this.slotsUsed || this.slotSeq[slot] !== seq) return false;
    this.slotSeq[slot] = -1;
    const bits = this.cancelled;
    bits[slot >> 5] = bits[slot >> 5]! | (1 << (slot & 31));
    this.cancelledCount++;
    this.live--;
    return true;
  }

  /** Whether the event at the top of the heap is live, not cancelled (the heap not empty). */
  private topLive(): boolean {
    const slot = this.poolI[8 * this.heap[0]! + 6]!;
    return ((this.cancelled[slot >> 5]! >>> (slot & 31)) & 1) === 0;
  }

  /** Time of the next live event, or Infinity when none remain. */
  peekTime(): number {
    if ((this.hole || this.heapSize === 0 || !this.topLive()) && !this.settle()) return Infinity;
    return this.heapTimes[0]!;
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
    if (this.hole) this.fillHole();
    if ((this.heapSize === 0 || (this.cancelledCount !== 0 && !this.topLive())) && !this.settle()) return false;
    const t = this.heapTimes[0]!;
    if (!(t < untilS)) return false;
    this.poppedTime = t;
    const p = this.heap[0]!;
    // The root is left in place as a hole, for the next push to fill (see add).
    this.hole = true;
    const r = 4 * p;
    const poolI = this.poolI;
    this.poppedTag = poolI[2 * r + 7]!;
    this.poppedArg = this.pool[r + 2]!;
    this.poppedHandler = this.poolH[p]!;
    const slot = poolI[2 * r + 6]!;
    this.slotSeq[slot] = -1;
    this.free[this.freeCount++] = slot;
    this.live--;
    return true;
  }

  /** Removes the popped root for good: the last entry takes its place and sifts down. */
  private fillHole(): void {
    this.hole = false;
    this.poolFree[this.poolFreeCount++] = this.heap[0]!;
    const last = --this.heapSize;
    if (last > 0) this.siftDown(this.heap[last]!);
  }

  /** Brings the next live event to the top of the heap; false when none remain. */
  private settle(): boolean {
    if (this.hole) this.fillHole();
    for (;;) {
      if (this.heapSize === 0) {
        if (!this.ladder.inUse || !this.ladder.refill(this.live)) return false;
        continue;
      }
      if (this.topLive()) return true;
      this.dropRecord(this.removeTop());
    }
  }

  /** Drops a cancelled event: clears its bit and frees its slot. */
  release(slot: number): void {
    const bits = this.cancelled;
    bits[slot >> 5] = bits[slot >> 5]! & ~(1 << (slot & 31));
    this.cancelledCount--;
    this.free[this.freeCount++] = slot;
  }

  /** Drops the cancelled event in heap record p: frees its slot and the record. */
  private dropRecord(p: number): void {
    this.release(this.poolI[8 * p + 6]!);
    this.poolFree[this.poolFreeCount++] = p;
  }

  /** With the heap empty: puts every record on the free list. */
  freeRecords(): void {
    const n = this.heap.length;
    for (let i = 0; i < n; i++) this.poolFree[i] = n - 1 - i;
    this.poolFreeCount = n;
  }

  /** Puts the new event (see record) into the heap of the events due soonest. */
  heapPush(slot: number, handler: EventHandler, tag: number): void {
    if (this.heapSize === this.heap.length) this.growHeap();
    this.siftUp(this.heapSize++, this.record(this.poolFree[--this.poolFreeCount]!, slot, handler, tag));
  }

  reserveHeap(n: number): void {
    while (this.heap.length < n) this.growHeap();
  }

  /** Floyd's heap construction over the entries in the heap's arrays. */
  heapify(): void {
    for (let p = (this.heapSize >> 1) - 1; p >= 0; p--) this.siftDownFrom(p);
  }

  /**
   * Restores heap order below pos, whose entry may be later than its children's. Like
   * siftDown, but with its keys from the heap's own arrays: heapify runs over a bucket just
   * moved in, and reading each entry's keys from its record instead (a random cache line per
   * entry) made the hold model at 10⁵ pending 10-40% slower per event.
   */
  private siftDownFrom(pos: number): void {
    const heap = this.heap;
    const times = this.heapTimes;
    const seqs = this.heapSeqs;
    const size = this.heapSize;
    const entry = heap[pos]!;
    const t = times[pos]!;
    const q = seqs[pos]!;
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
    heap[pos] = entry;
    times[pos] = t;
    seqs[pos] = q;
  }

  private removeTop(): number {
    const top = this.heap[0]!;
    const last = --this.heapSize;
    if (last > 0) this.siftDown(this.heap[last]!);
    return top;
  }

  // Heap order is (time, seq): an earlier time first, and among equal times the lower seq.
  // The sifts take the record alone and read its keys from it: V8 passes numbers to a call
  // it does not inline as heap objects, so double arguments would allocate.
  private siftUp(pos: number, p: number): void {
    const t = this.pool[4 * p]!;
    const q = this.pool[4 * p + 1]!;
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
    heap[pos] = p;
    times[pos] = t;
    seqs[pos] = q;
  }

  /** Places record p from the root down, the root's old entry being removed. */
  private siftDown(p: number): void {
    const t = this.pool[4 * p]!;
    const q = this.pool[4 * p + 1]!;
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
    heap[pos] = p;
    times[pos] = t;
    seqs[pos] = q;
  }

  /** Doubles the heap's arrays and its records (there is a record for every place in it). */
  private growHeap(): void {
    const old = this.heap.length;
    const n = old * 2;
    this.heapTimes = growF64(this.heapTimes, n);
    this.heapSeqs = growF64(this.heapSeqs, n);
    this.heap = growI32(this.heap, n);
    this.pool = growF64(this.pool, 4 * n);
    this.poolI = new Int32Array(this.pool.buffer);
    this.poolFree = growI32(this.poolFree, n);
    for (let i = n - 1; i >= old; i--) this.poolFree[this.poolFreeCount++] = i;
    for (let i = this.poolH.length; i < n; i++) this.poolH.push(null);
  }

  private grow(): void {
    const n = this.slotSeq.length * 2;
    if (n > SLOT_BITS) throw new Error(`more than ${SLOT_BITS} events scheduled at once`);
    this.cancelled = growI32(this.cancelled, (n + 31) >> 5);
    this.slotSeq = growI32(this.slotSeq, n);
    this.free = growI32(this.free, n);
  }
}

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
