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
const NONE = -1;

// A plain heap holds up to this many events; beyond it, events spill into the ladder.
const SPILL = 512;
// A ladder holding this many events or fewer folds back into a plain heap when the heap
// runs dry (well below SPILL, so that a queue hovering near one size does not flip-flop).
const FOLD = 128;
// A bucket of more events than this (with different times) is split into a finer rung.
const BUCKET_MAX = 48;
const MAX_RUNGS = 8;
const MAX_BUCKETS = 1 << 22;

/**
 * The future-event set, ordered by (time, sequence number). The sequence number grows with
 * every schedule, so events at the same time fire in the order they were scheduled (FIFO
 * among equals, as in SimPy) and never depend on chance or hash order.
 *
 * Layout: a ladder queue (Tang, Goh & Thng, "Ladder Queue: An O(1) Priority Queue Structure
 * for Large-Scale Discrete Event Simulation", ACM TOMACS 15(3), 2005) whose bottom is a
 * binary heap. Events due soonest sit in the heap, ordered by (time, sequence). Later ones
 * sit unsorted in the buckets of one or more rungs, each rung cutting a time range into
 * equal buckets; the latest sit unsorted in `top`. Scheduling appends to a bucket or to top
 * in O(1); when the heap runs dry the next non-empty bucket moves into it (or, if crowded,
 * is cut into a finer rung), and when every rung is spent, top is laid out as a new rung.
 * An event therefore moves a few times in all instead of sifting through log2(n) levels of
 * a heap spread over megabytes, and the cost per event stays nearly flat as the number
 * pending grows. A small queue (up to SPILL events) is the heap alone.
 *
 * Order is exact: a bucket or rung is chosen by a monotone function of the time alone, so
 * events at equal times always share a container, every event in an earlier container is
 * earlier than every event in a later one, and inside the heap (time, sequence) decides.
 *
 * Cancellation is lazy: a cancelled slot keeps its place with no handler and is dropped
 * when it is moved or reaches the top of the heap.
 */
export class EventQueue {
  // Per slot, one 32-byte record, so that an event moved or fired costs one cache line:
  // doubles [time, seq, arg, -] over ints [.., .., .., .., .., .., tag, link], where link
  // chains the bucket list the event is in. Handlers beside, in a plain array.
  private rec: Float64Array;
  private recI: Int32Array;
  private handlers: (EventHandler | null)[];
  private free: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;
  private nextSeq = 0;
  /** nextSeq modulo HANDLE_SEQS, kept apart: a double's % is a library call. */
  private handleSeq = 0;
  private live = 0;

  // The heap: keys in heap order beside the slot at each position, so comparisons read
  // adjacent memory instead of going through the slot.
  private heapTimes: Float64Array;
  private heapSeqs: Float64Array;
  private heap: Int32Array;
  private heapSize = 0;
  /** The root is an event already popped (counted in heapSize), waiting to be replaced. */
  private hole = false;

  // Rungs, outermost (0) to innermost. Bucket i of rung r holds the events whose time t has
  // bucketOf(r, t) = i; buckets up to rungCur[r] are spent (their events moved inward).
  private rungs = 0;
  private readonly rungBase = new Float64Array(MAX_RUNGS);
  private readonly rungScale = new Float64Array(MAX_RUNGS);
  private readonly rungBuckets = new Int32Array(MAX_RUNGS);
  private readonly rungCur = new Int32Array(MAX_RUNGS);
  private readonly rungHeads: Int32Array[] = [];
  /** Rung 0 holds times up to this; later times go to top. */
  private rungEnd = -Infinity;

  // Top: an unsorted list of the events after rungEnd.
  private topHead = NONE;
  private topCount = 0;
  private topMin = Infinity;
  private topMax = -Infinity;
  /** No rungs and nothing in top: the heap alone, as long as it stays under SPILL events. */
  private plain = true;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.rec = new Float64Array(4 * n);
    this.recI = new Int32Array(this.rec.buffer);
    this.handlers = new Array<EventHandler | null>(n).fill(null);
    this.free = new Int32Array(n);
    // Room for a plain heap, so that pushing onto one never has to check for growth.
    const h = SPILL;
    this.heapTimes = new Float64Array(h);
    this.heapSeqs = new Float64Array(h);
    this.heap = new Int32Array(h);
    for (let r = 0; r < MAX_RUNGS; r++) this.rungHeads.push(new Int32Array(16));
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
    const r = 4 * slot;
    rec[r] = this.nextTime;
    rec[r + 1] = this.nextSeq++;
    this.handleSeq = (this.handleSeq + 1) & (HANDLE_SEQS - 1);
    rec[r + 2] = this.nextArg;
    this.recI[2 * r + 6] = tag;
    this.handlers[slot] = handler;
    this.live++;
    this.insert(slot);
    return slot;
  }

  /** The handle of the event add() scheduled last, in slot. */
  handle(slot: number): EventHandle {
    return ((this.handleSeq - 1) & (HANDLE_SEQS - 1)) * SLOT_BITS + slot;
  }

  /** Puts the event in slot into the heap, or into the ladder when it is in use. */
  private insert(slot: number): void {
    if (!this.plain) this.place(slot);
    else if (this.hole) {
      // The root's event has been popped: the new one takes its place and sifts down, one
      // pass instead of a sift for the removal and another for the insertion.
      this.hole = false;
      this.siftDown(slot);
    } else if (this.heapSize < SPILL) this.siftUp(this.heapSize++, slot);
    else this.place(slot);
  }

  private newSlot(): number {
    if (this.slotsUsed === this.handlers.length) this.grow();
    return this.slotsUsed++;
  }

  /** Cancels a scheduled event; returns false if it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_BITS;
    const seq = (handle - slot) / SLOT_BITS;
    if (slot >= this.slotsUsed || this.handlers[slot] === null || this.rec[4 * slot + 1]! % HANDLE_SEQS !== seq) return false;
    this.handlers[slot] = null;
    this.live--;
    return true;
  }

  /** Time of the next live event, or Infinity when none remain. */
  peekTime(): number {
    if ((this.hole || this.heapSize === 0 || this.handlers[this.heap[0]!] === null) && !this.settle()) return Infinity;
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
    if ((this.heapSize === 0 || this.handlers[this.heap[0]!] === null) && !this.settle()) return false;
    const t = this.heapTimes[0]!;
    if (!(t < untilS)) return false;
    this.poppedTime = t;
    const slot = this.heap[0]!;
    // The root is left in place as a hole, for the next push to fill (see push).
    this.hole = true;
    this.poppedTag = this.recI[8 * slot + 6]!;
    this.poppedArg = this.rec[4 * slot + 2]!;
    this.poppedHandler = this.handlers[slot]!;
    this.handlers[slot] = null;
    this.free[this.freeCount++] = slot;
    this.live--;
    return true;
  }

  /** Removes the popped root for good: the last entry takes its place and sifts down. */
  private fillHole(): void {
    this.hole = false;
    const last = --this.heapSize;
    if (last > 0) this.siftDown(this.heap[last]!);
  }

  /** Brings the next live event to the top of the heap; false when none remain. */
  private settle(): boolean {
    if (this.hole) this.fillHole();
    for (;;) {
      if (this.heapSize === 0 && !this.refill()) return false;
      if (this.handlers[this.heap[0]!] !== null) return true;
      this.release(this.removeTop());
    }
  }

  /** Puts a new event where its time belongs: the heap, a rung's bucket, or top. */
  private place(slot: number): void {
    if (this.hole) this.fillHole();
    const t = this.rec[4 * slot]!;
    if (this.rungs === 0) {
      if (this.plain) this.spill();
      this.topAdd(slot, t);
      return;
    }
    if (t > this.rungEnd) {
      this.topAdd(slot, t);
      return;
    }
    for (let r = 0; ; r++) {
      const i = this.bucketOf(r, t);
      const cur = this.rungCur[r]!;
      if (i > cur) {
        const heads = this.rungHeads[r]!;
        this.recI[8 * slot + 7] = heads[i]!;
        heads[i] = slot;
        return;
      }
      if (i < cur || r + 1 === this.rungs) {
        this.heapPush(slot);
        return;
      }
    }
  }

  /** The bucket of rung r for time t: monotone in t, the same for equal times. */
  private bucketOf(r: number, t: number): number {
    const i = Math.floor((t - this.rungBase[r]!) * this.rungScale[r]!);
    const last = this.rungBuckets[r]! - 1;
    return i < 0 ? 0 : i > last ? last : i;
  }

  /** Fills the empty heap from the next non-empty bucket, or from top; false if all is empty. */
  private refill(): boolean {
    while (this.heapSize === 0) {
      if (this.live <= FOLD && !this.plain) {
        this.collapse();
        return this.heapSize > 0;
      }
      if (this.rungs === 0) {
        if (this.topCount === 0) return false;
        this.layOutTop();
        this.plain = this.rungs === 0;
        continue;
      }
      const r = this.rungs - 1;
      const heads = this.rungHeads[r]!;
      const n = this.rungBuckets[r]!;
      let cur = this.rungCur[r]! + 1;
      while (cur < n && heads[cur] === NONE) cur++;
      if (cur === n) {
        this.rungs--;
        this.plain = this.rungs === 0 && this.topCount === 0;
        continue;
      }
      this.rungCur[r] = cur;
      const head = heads[cur]!;
      heads[cur] = NONE;
      this.takeList(head, this.rungs < MAX_RUNGS);
    }
    return true;
  }

  /**
   * Takes a bucket's list: cancelled events are dropped; a crowded bucket whose times differ
   * becomes a new innermost rung; otherwise its events go into the heap. With many events
   * pending, reading each record is a cache miss; reading its handler here too, beside it,
   * overlaps that miss with this one instead of paying it again when the event fires.
   */
  private takeList(head: number, mayCut: boolean): void {
    let count = 0;
    let min = Infinity;
    let max = -Infinity;
    const rec = this.rec;
    const recI = this.recI;
    const handlers = this.handlers;
    let prev = NONE;
    for (let s = head; s !== NONE; ) {
      const next = recI[8 * s + 7]!;
      if (handlers[s] === null) {
        if (prev === NONE) head = next;
        else recI[8 * prev + 7] = next;
        this.release(s);
      } else {
        const t = rec[4 * s]!;
        if (t < min) min = t;
        if (t > max) max = t;
        count++;
        prev = s;
      }
      s = next;
    }
    if (count > BUCKET_MAX && mayCut && max > min && this.cut(head, count, min, max)) return;
    for (let s = head; s !== NONE; s = recI[8 * s + 7]!) this.heapPush(s);
  }

  /** Lays out the events of a list, all within [min, max], as a new innermost rung. */
  private cut(head: number, count: number, min: number, max: number): boolean {
    const n = Math.max(4, Math.min(MAX_BUCKETS, count));
    const scale = n / (max - min);
    if (!Number.isFinite(scale)) return false;
    const r = this.rungs;
    let heads = this.rungHeads[r]!;
    if (heads.length < n) heads = this.rungHeads[r] = new Int32Array(Math.max(n, 2 * heads.length));
    heads.fill(NONE, 0, n);
    this.rungBase[r] = min;
    this.rungScale[r] = scale;
    this.rungBuckets[r] = n;
    this.rungCur[r] = -1;
    this.rungs++;
    const recI = this.recI;
    for (let s = head; s !== NONE; ) {
      const next = recI[8 * s + 7]!;
      const i = this.bucketOf(r, this.rec[4 * s]!);
      recI[8 * s + 7] = heads[i]!;
      heads[i] = s;
      s = next;
    }
    return true;
  }

  /** With every rung spent and the heap empty: top becomes rung 0 (or, if small, the heap). */
  private layOutTop(): void {
    const head = this.topHead;
    const count = this.topCount;
    const min = this.topMin;
    const max = this.topMax;
    this.topHead = NONE;
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMax = -Infinity;
    this.rungEnd = max;
    if (count < FOLD || max === min || !this.cut(head, count, min, max)) {
      this.rungEnd = -Infinity;
      for (let s = head; s !== NONE; s = this.recI[8 * s + 7]!) this.heapPush(s);
    }
  }

  /** Few events are left in the ladder: they all move into the heap, which works alone again. */
  private collapse(): void {
    for (let r = 0; r < this.rungs; r++) {
      const heads = this.rungHeads[r]!;
      const n = this.rungBuckets[r]!;
      for (let i = this.rungCur[r]! + 1; i < n; i++) {
        this.heapPushList(heads[i]!);
        heads[i] = NONE;
      }
    }
    this.heapPushList(this.topHead);
    this.rungs = 0;
    this.topHead = NONE;
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMax = -Infinity;
    this.rungEnd = -Infinity;
    this.plain = true;
  }

  /** Pushes a list's live events onto the heap and frees its cancelled ones. */
  private heapPushList(head: number): void {
    for (let s = head; s !== NONE; ) {
      const next = this.recI[8 * s + 7]!;
      if (this.handlers[s] === null) this.release(s);
      else this.heapPush(s);
      s = next;
    }
  }

  private topAdd(slot: number, t: number): void {
    this.recI[8 * slot + 7] = this.topHead;
    this.topHead = slot;
    this.topCount++;
    if (t < this.topMin) this.topMin = t;
    if (t > this.topMax) this.topMax = t;
  }

  /** The heap has grown past SPILL with no ladder: all of it moves to top. */
  private spill(): void {
    this.plain = false;
    for (let p = 0; p < this.heapSize; p++) {
      const s = this.heap[p]!;
      if (this.handlers[s] === null) this.release(s);
      else this.topAdd(s, this.heapTimes[p]!);
    }
    this.heapSize = 0;
  }

  private release(slot: number): void {
    this.handlers[slot] = null;
    this.free[this.freeCount++] = slot;
  }

  private heapPush(slot: number): void {
    if (this.heapSize === this.heap.length) this.growHeap();
    this.siftUp(this.heapSize++, slot);
  }

  private removeTop(): number {
    const top = this.heap[0]!;
    const last = --this.heapSize;
    if (last > 0) this.siftDown(this.heap[last]!);
    return top;
  }

  // Heap order is (time, seq): an earlier time first, and among equal times the lower seq.
  // The sifts take the slot alone and read its keys from the record: V8 passes numbers to a
  // call it does not inline as heap objects, so double arguments would allocate.
  private siftUp(pos: number, slot: number): void {
    const t = this.rec[4 * slot]!;
    const q = this.rec[4 * slot + 1]!;
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

  /** Places slot from the root down, the root's old entry being removed. */
  private siftDown(slot: number): void {
    const t = this.rec[4 * slot]!;
    const q = this.rec[4 * slot + 1]!;
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

  private growHeap(): void {
    const n = this.heap.length * 2;
    this.heapTimes = growF64(this.heapTimes, n);
    this.heapSeqs = growF64(this.heapSeqs, n);
    this.heap = growI32(this.heap, n);
  }

  private grow(): void {
    const n = this.handlers.length * 2;
    if (n > SLOT_BITS) throw new Error(`more than ${SLOT_BITS} events scheduled at once`);
    this.rec = growF64(this.rec, 4 * n);
    this.recI = new Int32Array(this.rec.buffer);
    this.free = growI32(this.free, n);
    for (let i = this.handlers.length; i < n; i++) this.handlers.push(null);
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
