import type { EventHandler } from './event-queue.ts';

/** What the ladder needs of the event set that owns it: the new event, its heap, its live bits. */
export interface LadderHost {
  // The event being scheduled (place's slot, handler and tag are the rest of it).
  readonly nextTime: number;
  readonly nextSeq: number;
  readonly nextArg: number;
  /** Per slot, one bit: set while the slot's event is cancelled and not yet dropped. */
  readonly cancelled: Int32Array;
  // The heap of the events due soonest: keys in heap order beside each position's record.
  readonly heapTimes: Float64Array;
  readonly heapSeqs: Float64Array;
  readonly heap: Int32Array;
  heapSize: number;
  // The heap's records, laid out as the ladder's entries, and the free list of those not in use.
  readonly pool: Float64Array;
  readonly poolI: Int32Array;
  readonly poolH: (EventHandler | null)[];
  readonly poolFree: Int32Array;
  poolFreeCount: number;
  /** With the heap empty: puts every record on the free list. */
  freeRecords(): void;
  /** Drops a cancelled event, by its slot. */
  release(slot: number): void;
  /** Puts the new event into the heap of the events due soonest. */
  heapPush(slot: number, handler: EventHandler, tag: number): void;
  /** Makes room for n entries in the heap's arrays and records. */
  reserveHeap(n: number): void;
  /** Restores heap order after entries were appended to the heap's arrays in any order. */
  heapify(): void;
}

// A ladder holding this many events or fewer folds back into the plain heap when the heap
// runs dry (well below the heap's spill size, so a queue near one size does not flip-flop).
const FOLD = 128;
// Top is laid out as a rung of one bucket per event, but of MAX_BUCKETS at most: buckets of
// a few events for up to a few thousand pending, and with a million pending few enough that
// the chunks being appended to stay in cache (their crowded buckets are cut finer when due).
const MAX_BUCKETS = 4096;
// A bucket of more events than this (with different times) is cut into a finer rung, of one
// bucket per INNER_TARGET events, so that the heap stays small.
const BUCKET_MAX = 16;
const INNER_TARGET = 4;
const MAX_RUNGS = 8;
// Buckets are chains of chunks of CHUNK entries. An entry is a whole event, 32 bytes: doubles
// [time, seq, arg, -] over ints [.., .., .., .., .., .., slot, tag] (the heap's record
// layout), its handler beside it in entH.
const LOG_CHUNK = 5;
const CHUNK = 1 << LOG_CHUNK;

/**
 * The part of the future-event set beyond its heap: a ladder queue (Tang, Goh & Thng,
 * "Ladder Queue: An O(1) Priority Queue Structure for Large-Scale Discrete Event
 * Simulation", ACM TOMACS 15(3), 2005) with the heap as its bottom. Events sit unsorted in
 * the buckets of one or more rungs, each rung cutting a time range into equal buckets, and
 * the latest sit unsorted in top. Placing an event is O(1): a bucket or top. When the heap
 * runs dry, the next non-empty bucket moves into it (or, if crowded, is cut into a finer
 * rung); when every rung is spent, top is laid out as a new rung. An event moves a few times
 * in all instead of sifting through log2(n) levels of a heap spread over megabytes.
 *
 * Order stays exact: an event's bucket is a monotone function of its time alone, so events at
 * equal times always share a container, every event in an earlier container is earlier than
 * every event in a later one, and the heap orders each bucket by (time, sequence).
 *
 * A bucket keeps its events whole, in chunks of consecutive entries: placing an event
 * appends to its bucket's last chunk, and cutting a bucket or moving it into the heap reads
 * its chunks in order. Nothing on the way reads memory found through the event's slot, which
 * with a million events pending would be a random cache line per event; only the live bits
 * (an eighth of a byte per slot, in cache) say which events were cancelled.
 */
export class Ladder {
  /** Whether events are held here; when not, the heap works alone. */
  inUse = false;
  // Rungs, outermost (0) to innermost. Bucket i of rung r holds the events whose time t has
  // bucketOf(r, t) = i; buckets up to rungCur[r] are spent (their events moved inward).
  private rungs = 0;
  private readonly rungBase = new Float64Array(MAX_RUNGS);
  private readonly rungScale = new Float64Array(MAX_RUNGS);
  private readonly rungBuckets = new Int32Array(MAX_RUNGS);
  private readonly rungCur = new Int32Array(MAX_RUNGS);
  // Per rung and bucket: the first chunk, and the entry index one past the last (0: empty).
  private readonly rungFirst: Int32Array[] = [];
  private readonly rungEnds: Int32Array[] = [];
  /** Rung 0 holds times up to this; later times go to top. */
  private rungEnd = -Infinity;
  // Top: one unsorted bucket of the events after rungEnd.
  private readonly topFirst = new Int32Array(1);
  private readonly topEnds = new Int32Array(1);
  private topCount = 0;
  private topMin = Infinity;
  private topMax = -Infinity;

  // The entries: chunk c holds entries c * CHUNK ... c * CHUNK + CHUNK - 1 (chunk 0 is unused,
  // so that an end of 0 means empty). chunkNext links a bucket's chunks, and the free ones.
  private ent = new Float64Array(4 * CHUNK * 64);
  private entI = new Int32Array(this.ent.buffer);
  private entH: (EventHandler | null)[] = new Array<EventHandler | null>(CHUNK * 64).fill(null);
  private chunkNext = new Int32Array(64);
  private chunksUsed = 1;
  private freeChunk = 0;

  constructor(private readonly host: LadderHost) {
    for (let r = 0; r < MAX_RUNGS; r++) {
      this.rungFirst.push(new Int32Array(16));
      this.rungEnds.push(new Int32Array(16));
    }
  }

  /** Takes over from a heap grown too large: its events go to top. */
  spill(): void {
    this.inUse = true;
    const h = this.host;
    const { heap, pool, poolI, poolH, cancelled } = h;
    for (let i = 0; i < h.heapSize; i++) {
      const p = heap[i]!;
      const s = poolI[8 * p + 6]!;
      if (((cancelled[s >> 5]! >>> (s & 31)) & 1) !== 0) {
        h.release(s);
        continue;
      }
      const t = pool[4 * p]!;
      const e = this.append(this.topFirst, this.topEnds, 0);
      // (append may have grown the entries: read them afresh)
      const ent = this.ent;
      const entI = this.entI;
      ent[4 * e] = t;
      ent[4 * e + 1] = pool[4 * p + 1]!;
      ent[4 * e + 2] = pool[4 * p + 2]!;
      entI[8 * e + 6] = s;
      entI[8 * e + 7] = poolI[8 * p + 7]!;
      this.entH[e] = poolH[p]!;
      this.topCount++;
      if (t < this.topMin) this.topMin = t;
      if (t > this.topMax) this.topMax = t;
    }
    h.heapSize = 0;
    h.freeRecords();
  }

  /**
   * Puts the event being scheduled (the host's next* fields, and slot, handler, tag) where
   * its time belongs: a rung's bucket, top, or (if due now) the heap.
   */
  place(slot: number, handler: EventHandler, tag: number): void {
    const t = this.host.nextTime;
    if (this.rungs === 0 || t > this.rungEnd) {
      this.write(this.append(this.topFirst, this.topEnds, 0), slot, handler, tag);
      this.topCount++;
      if (t < this.topMin) this.topMin = t;
      if (t > this.topMax) this.topMax = t;
      return;
    }
    for (let r = 0; ; r++) {
      const i = this.bucketOf(r, t);
      const cur = this.rungCur[r]!;
      if (i > cur) {
        this.write(this.append(this.rungFirst[r]!, this.rungEnds[r]!, i), slot, handler, tag);
        return;
      }
      if (i < cur || r + 1 === this.rungs) {
        this.host.heapPush(slot, handler, tag);
        return;
      }
    }
  }

  /** Writes the event being scheduled into entry e. */
  private write(e: number, slot: number, handler: EventHandler, tag: number): void {
    const h = this.host;
    const ent = this.ent;
    ent[4 * e] = h.nextTime;
    ent[4 * e + 1] = h.nextSeq;
    ent[4 * e + 2] = h.nextArg;
    const entI = this.entI;
    entI[8 * e + 6] = slot;
    entI[8 * e + 7] = tag;
    this.entH[e] = handler;
  }

  /**
   * With the heap empty: moves the next events into it (the next non-empty bucket, or all
   * that is left when `live` events or fewer remain) and returns true; false when the ladder
   * is empty. Only cancelled events may have moved: the caller asks again while its heap is empty.
   *
   * This is one function, too large for V8 to inline, on purpose: inlined into the run loop
   * (through EventQueue.settle), it would use up the loop's inlining budget, and the per-event
   * path (handler, schedule, add) would then be called instead of inlined, at every size.
   */
  refill(live: number): boolean {
    if (live <= FOLD) {
      this.collapse();
      return true;
    }
    for (;;) {
      if (this.rungs === 0) {
        if (this.topCount === 0) {
          this.inUse = false;
          return false;
        }
        if (this.layOutTop()) return true;
        continue;
      }
      const r = this.rungs - 1;
      const ends = this.rungEnds[r]!;
      const n = this.rungBuckets[r]!;
      let cur = this.rungCur[r]! + 1;
      while (cur < n && ends[cur] === 0) cur++;
      if (cur === n) {
        this.rungs--;
        continue;
      }
      this.rungCur[r] = cur;
      // Bucket cur moves: a crowded one whose times differ becomes a new innermost rung (and
      // the loop goes on); otherwise its events go into the heap.
      const first = this.rungFirst[r]!;
      const c = first[cur]!;
      const end = ends[cur]!;
      ends[cur] = 0;
      if (this.rungs < MAX_RUNGS) {
        // Chunks before the last are full.
        let count = end - ((end - 1) & ~(CHUNK - 1));
        for (let k = c; k !== (end - 1) >> LOG_CHUNK; k = this.chunkNext[k]!) count += CHUNK;
        if (count > BUCKET_MAX) {
          // Cut finer, unless all its times are equal or too close to divide.
          let min = Infinity;
          let max = -Infinity;
          const ent = this.ent;
          for (let k = c; ; k = this.chunkNext[k]!) {
            const from = k << LOG_CHUNK;
            const to = (end - 1) >> LOG_CHUNK === k ? end : from + CHUNK;
            for (let e = from; e < to; e++) {
              const t = ent[4 * e]!;
              if (t < min) min = t;
              if (t > max) max = t;
            }
            if (to === end) break; // (only the last chunk holds the end)
          }
          if (max > min && this.cut(c, end, count, min, max, INNER_TARGET)) continue;
        }
      }
      this.toHeap(c, end);
      this.host.heapify();
      return true;
    }
  }

  /** The bucket of rung r for time t: monotone in t, the same for equal times. */
  private bucketOf(r: number, t: number): number {
    const i = Math.floor((t - this.rungBase[r]!) * this.rungScale[r]!);
    const last = this.rungBuckets[r]! - 1;
    return i < 0 ? 0 : i > last ? last : i;
  }

  /**
   * Appends an entry to bucket i (first chunks `first`, ends `ends`) and returns its index,
   * for the caller to write.
   */
  private append(first: Int32Array, ends: Int32Array, i: number): number {
    let e = ends[i]!;
    if ((e & (CHUNK - 1)) === 0) {
      const c = this.newChunk();
      if (e === 0) first[i] = c;
      else this.chunkNext[(e >> LOG_CHUNK) - 1] = c;
      e = c << LOG_CHUNK;
    }
    ends[i] = e + 1;
    return e;
  }

  private newChunk(): number {
    const c = this.freeChunk;
    if (c !== 0) {
      this.freeChunk = this.chunkNext[c]!;
      return c;
    }
    if (this.chunksUsed === this.chunkNext.length) this.growChunks();
    return this.chunksUsed++;
  }

  private growChunks(): void {
    const n = 2 * this.chunkNext.length;
    const next = new Int32Array(n);
    next.set(this.chunkNext);
    this.chunkNext = next;
    const ent = new Float64Array(4 * CHUNK * n);
    ent.set(this.ent);
    this.ent = ent;
    this.entI = new Int32Array(ent.buffer);
    for (let i = this.entH.length; i < CHUNK * n; i++) this.entH.push(null);
  }

  /**
   * Lays out a chain of entries, all within [min, max], as a new innermost rung of one bucket
   * per perBucket entries (MAX_BUCKETS at most), and frees its chunks.
   */
  private cut(c: number, end: number, count: number, min: number, max: number, perBucket: number): boolean {
    const n = Math.max(4, Math.min(MAX_BUCKETS, Math.ceil(count / perBucket)));
    const scale = n / (max - min);
    if (!Number.isFinite(scale)) return false;
    const r = this.rungs;
    let first = this.rungFirst[r]!;
    let ends = this.rungEnds[r]!;
    if (ends.length < n) {
      const size = Math.max(n, 2 * ends.length);
      first = this.rungFirst[r] = new Int32Array(size);
      ends = this.rungEnds[r] = new Int32Array(size);
    }
    ends.fill(0, 0, n);
    this.rungBase[r] = min;
    this.rungScale[r] = scale;
    this.rungBuckets[r] = n;
    this.rungCur[r] = -1;
    this.rungs++;
    for (let k = c; ; ) {
      const from = k << LOG_CHUNK;
      const last = (end - 1) >> LOG_CHUNK === k;
      const to = last ? end : from + CHUNK;
      for (let e = from; e < to; e++) {
        const d = this.append(first, ends, this.bucketOf(r, this.ent[4 * e]!));
        // (append may have grown the entries: read them afresh)
        const ent = this.ent;
        ent[4 * d] = ent[4 * e]!;
        ent[4 * d + 1] = ent[4 * e + 1]!;
        ent[4 * d + 2] = ent[4 * e + 2]!;
        const entI = this.entI;
        entI[8 * d + 6] = entI[8 * e + 6]!;
        entI[8 * d + 7] = entI[8 * e + 7]!;
        const entH = this.entH;
        entH[d] = entH[e]!;
      }
      const next = this.chunkNext[k]!;
      this.freeChunkAt(k);
      if (last) break;
      k = next;
    }
    return true;
  }

  private freeChunkAt(k: number): void {
    this.chunkNext[k] = this.freeChunk;
    this.freeChunk = k;
  }

  /**
   * Moves a chain's live entries into heap records, their keys and records appended to the
   * heap's arrays (heap order is restored by the caller), and frees its cancelled events'
   * slots and its chunks.
   */
  private toHeap(c: number, end: number): void {
    const h = this.host;
    const cancelled = h.cancelled;
    const ent = this.ent;
    const entI = this.entI;
    const entH = this.entH;
    for (let k = c; ; ) {
      const from = k << LOG_CHUNK;
      const last = (end - 1) >> LOG_CHUNK === k;
      const to = last ? end : from + CHUNK;
      h.reserveHeap(h.heapSize + CHUNK);
      const { heap, heapTimes, heapSeqs, pool, poolI, poolH, poolFree } = h;
      let size = h.heapSize;
      let free = h.poolFreeCount;
      for (let e = from; e < to; e++) {
        const s = entI[8 * e + 6]!;
        if (((cancelled[s >> 5]! >>> (s & 31)) & 1) !== 0) {
          h.release(s);
          continue;
        }
        const p = poolFree[--free]!;
        const t = ent[4 * e]!;
        const q = ent[4 * e + 1]!;
        pool[4 * p] = t;
        pool[4 * p + 1] = q;
        pool[4 * p + 2] = ent[4 * e + 2]!;
        poolI[8 * p + 6] = s;
        poolI[8 * p + 7] = entI[8 * e + 7]!;
        poolH[p] = entH[e]!;
        heapTimes[size] = t;
        heapSeqs[size] = q;
        heap[size++] = p;
      }
      h.heapSize = size;
      h.poolFreeCount = free;
      const next = this.chunkNext[k]!;
      this.freeChunkAt(k);
      if (last) break;
      k = next;
    }
  }

  /**
   * With every rung spent: top becomes rung 0 (false); or, if its times are all equal, it
   * goes to the heap, which works alone again (true).
   */
  private layOutTop(): boolean {
    const c = this.topFirst[0]!;
    const end = this.topEnds[0]!;
    const count = this.topCount;
    const min = this.topMin;
    const max = this.topMax;
    this.topEnds[0] = 0;
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMax = -Infinity;
    this.rungEnd = max;
    if (max > min && this.cut(c, end, count, min, max, 1)) return false;
    this.rungEnd = -Infinity;
    this.toHeap(c, end);
    this.host.heapify();
    this.inUse = false;
    return true;
  }

  /** Few events are left: they all move into the heap, which works alone again. */
  private collapse(): void {
    for (let r = 0; r < this.rungs; r++) {
      const first = this.rungFirst[r]!;
      const ends = this.rungEnds[r]!;
      const n = this.rungBuckets[r]!;
      for (let i = this.rungCur[r]! + 1; i < n; i++) {
        if (ends[i] !== 0) this.toHeap(first[i]!, ends[i]!);
        ends[i] = 0;
      }
    }
    if (this.topEnds[0] !== 0) this.toHeap(this.topFirst[0]!, this.topEnds[0]!);
    this.host.heapify();
    this.rungs = 0;
    this.topEnds[0] = 0;
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMax = -Infinity;
    this.rungEnd = -Infinity;
    this.inUse = false;
  }
}
