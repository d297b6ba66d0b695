import type { EventHandler } from './event-queue.ts';

/** What the ladder needs of the event set that owns it: the slots' records and its heap. */
export interface LadderHost {
  /** Per slot, doubles [time, seq, arg, tag]. */
  readonly rec: Float64Array;
  /** Per slot; null once the event is cancelled. */
  readonly handlers: readonly (EventHandler | null)[];
  /** The heap of the events due soonest: at position p, time heap[2p] and slot heap[2p + 1]. */
  readonly heap: Float64Array;
  heapSize: number;
  /** Frees the slot of a cancelled event. */
  release(slot: number): void;
  /** Puts a slot's event into the heap of the events due soonest. */
  heapPush(slot: number): void;
  /** Makes room for n entries in the heap's array. */
  reserveHeap(n: number): void;
  /** Restores heap order after entries were appended to the heap's array in any order. */
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
// With more than WARM_ABOVE events pending (their records and handlers no longer fit in
// cache), the handlers and records of the next WARM events are read together as a bucket
// moves into the heap (see warm).
const WARM = 64;
const WARM_ABOVE = 1 << 15;
// Buckets are chains of chunks of CHUNK entries; an entry is [time, slot] (2 doubles).
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
 * A bucket keeps its events' times and slots together, in chunks of consecutive entries:
 * placing an event appends to its bucket's last chunk, and cutting a bucket reads its chunks
 * in order, so neither touches the events' records, which with a million events pending lie
 * scattered over tens of megabytes. The records and handlers are read when the events move
 * into the heap, many at a time (see warm), so that their cache misses overlap instead of
 * stalling the run loop one by one as the events fire.
 */
export class Ladder {
  /** 1 when events are held here; 0 when the heap works alone. */
  inUse = 0;
  // Rungs, outermost (0) to innermost. Bucket i of rung r holds the events whose time t has
  // bucketOf(r, t) = i; buckets up to rungCur[r] are spent (their events moved inward).
  private rungs = 0;
  private readonly rungBase = new Float64Array(MAX_RUNGS);
  private readonly rungScale = new Float64Array(MAX_RUNGS);
  private readonly rungBuckets = new Int32Array(MAX_RUNGS);
  private readonly rungCur = new Int32Array(MAX_RUNGS);
  /** 1 when so many events are pending that their records and handlers are out of cache. */
  private warming = 0;
  /** Buckets of rung r before rungWarm[r] have been warmed (see warm). */
  private readonly rungWarm = new Int32Array(MAX_RUNGS);
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
  private ent = new Float64Array(2 * CHUNK * 64);
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
    this.inUse = 1;
    const h = this.host;
    const { heap, handlers } = h;
    for (let p = 0; p < h.heapSize; p++) {
      const s = heap[(p << 1) | 1]! | 0;
      if (handlers[s] === null) {
        h.release(s);
        continue;
      }
      const t = heap[p << 1]!;
      const e = this.append(this.topFirst, this.topEnds, 0) << 1;
      const ent = this.ent;
      ent[e] = t;
      ent[e | 1] = s;
      this.topCount++;
      if (t < this.topMin) this.topMin = t;
      if (t > this.topMax) this.topMax = t;
    }
    h.heapSize = 0;
  }

  /** Puts a new event where its time belongs: a rung's bucket, top, or (if due now) the heap. */
  place(slot: number): void {
    const rec = this.host.rec;
    const t = rec[slot << 2]!;
    if (this.rungs === 0 || t > this.rungEnd) {
      const e = this.append(this.topFirst, this.topEnds, 0) << 1;
      const ent = this.ent;
      ent[e] = t;
      ent[e | 1] = slot;
      this.topCount++;
      if (t < this.topMin) this.topMin = t;
      if (t > this.topMax) this.topMax = t;
      return;
    }
    for (let r = 0; ; r++) {
      const i = this.bucketOf(r, t);
      const cur = this.rungCur[r]!;
      if (i > cur) {
        const e = this.append(this.rungFirst[r]!, this.rungEnds[r]!, i) << 1;
        const ent = this.ent;
        ent[e] = t;
        ent[e | 1] = slot;
        return;
      }
      if (i < cur || r + 1 === this.rungs) {
        this.host.heapPush(slot);
        return;
      }
    }
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
    this.warming = live > WARM_ABOVE ? 1 : 0;
    for (;;) {
      if (this.rungs === 0) {
        if (this.topCount === 0) {
          this.inUse = 0;
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
              const t = ent[e << 1]!;
              if (t < min) min = t;
              if (t > max) max = t;
            }
            if (to === end) break; // (only the last chunk holds the end)
          }
          if (max > min && this.cut(c, end, count, min, max, INNER_TARGET)) continue;
        }
      }
      if (this.warming !== 0 && cur >= this.rungWarm[r]!) this.warm(r, cur, c, end);
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
    const ent = new Float64Array(2 * CHUNK * n);
    ent.set(this.ent);
    this.ent = ent;
  }

  /**
   * Reads the handler and record of every event in the buckets of rung r from i on, up to
   * about WARM events. With many events pending, each read is a cache miss; issued together,
   * they overlap, instead of stalling one by one as the events fire.
   */
  private warm(r: number, i: number, iFirst: number, iEnd: number): void {
    const first = this.rungFirst[r]!;
    const ends = this.rungEnds[r]!;
    const n = this.rungBuckets[r]!;
    const { rec, handlers } = this.host;
    const ent = this.ent;
    let seen = 0;
    let left = WARM;
    let b = i;
    // (bucket i was just emptied for its events to move: its chain is iFirst ... iEnd)
    for (; b < n && left > 0; b++) {
      const end = b === i ? iEnd : ends[b]!;
      if (end === 0) continue;
      for (let k = b === i ? iFirst : first[b]!; ; k = this.chunkNext[k]!) {
        const from = k << LOG_CHUNK;
        const last = (end - 1) >> LOG_CHUNK === k;
        const to = last ? end : from + CHUNK;
        for (let e = from; e < to; e++) {
          const s = ent[(e << 1) | 1]! | 0;
          // (a sequence number is never negative: the test only keeps the read)
          seen += (handlers[s] !== null ? 1 : 0) & (rec[(s << 2) | 1]! >= 0 ? 1 : 0);
        }
        left -= to - from;
        if (last) break;
      }
    }
    this.rungWarm[r] = b;
    this.warmed = seen;
  }

  /** Live events warm last read (kept, so that its reads are not optimised away). */
  warmed = 0;

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
    this.rungWarm[r] = 0;
    this.rungs++;
    for (let k = c; ; ) {
      const from = k << LOG_CHUNK;
      const last = (end - 1) >> LOG_CHUNK === k;
      const to = last ? end : from + CHUNK;
      for (let e = from; e < to; e++) {
        const d = this.append(first, ends, this.bucketOf(r, this.ent[e << 1]!)) << 1;
        // (append may have grown the entries: read them afresh)
        const ent = this.ent;
        ent[d] = ent[e << 1]!;
        ent[d | 1] = ent[(e << 1) | 1]!;
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
   * Appends a chain's live entries to the heap's array (heap order is restored by the caller)
   * and frees its cancelled events and its chunks. Reading each event's handler here, for the
   * cancelled ones, also brings it into cache, many at a time, before the event fires.
   */
  private toHeap(c: number, end: number): void {
    const h = this.host;
    const handlers = h.handlers;
    for (let k = c; ; ) {
      const from = k << LOG_CHUNK;
      const last = (end - 1) >> LOG_CHUNK === k;
      const to = last ? end : from + CHUNK;
      h.reserveHeap(h.heapSize + CHUNK);
      const heap = h.heap;
      const ent = this.ent;
      let size = h.heapSize;
      for (let e = from; e < to; e++) {
        const s = ent[(e << 1) | 1]! | 0;
        if (handlers[s] === null) {
          h.release(s);
          continue;
        }
        heap[size << 1] = ent[e << 1]!;
        heap[(size++ << 1) | 1] = s;
      }
      h.heapSize = size;
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
    this.inUse = 0;
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
    this.inUse = 0;
  }
}
