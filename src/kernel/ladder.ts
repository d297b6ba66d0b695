import type { EventHandler } from './event-queue.ts';

/** What the ladder needs of the event set that owns it: the slots' records and its heap. */
export interface LadderHost {
  /** Per slot, doubles [time, seq, arg, -]; the same bytes as ints: [6] tag, [7] list link. */
  readonly rec: Float64Array;
  readonly recI: Int32Array;
  /** Per slot; null once the event is cancelled. */
  readonly handlers: readonly (EventHandler | null)[];
  /** Frees the slot of a cancelled event. */
  release(slot: number): void;
  /** Puts a slot's event into the heap of the events due soonest. */
  heapPush(slot: number): void;
}

const NONE = -1;
// A ladder holding this many events or fewer folds back into the plain heap when the heap
// runs dry (well below the heap's spill size, so a queue near one size does not flip-flop).
const FOLD = 128;
// A bucket of more events than this (with different times) is split into a finer rung.
const BUCKET_MAX = 48;
const MAX_RUNGS = 8;
const MAX_BUCKETS = 1 << 22;

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
 * Events are singly linked lists through the slots' records (the link word), so a bucket is
 * one int and moving an event touches its own record only.
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
  private readonly rungHeads: Int32Array[] = [];
  /** Rung 0 holds times up to this; later times go to top. */
  private rungEnd = -Infinity;
  // Top: an unsorted list of the events after rungEnd.
  private topHead = NONE;
  private topCount = 0;
  private topMin = Infinity;
  private topMax = -Infinity;

  constructor(private readonly host: LadderHost) {
    for (let r = 0; r < MAX_RUNGS; r++) this.rungHeads.push(new Int32Array(16));
  }

  /** Takes over from a heap grown too large: its events (heap order, times beside) go to top. */
  spill(heap: Int32Array, times: Float64Array, size: number): void {
    this.inUse = true;
    for (let p = 0; p < size; p++) {
      const s = heap[p]!;
      if (this.host.handlers[s] === null) this.host.release(s);
      else this.topAdd(s, times[p]!);
    }
  }

  /** Puts a new event where its time belongs: a rung's bucket, top, or (if due now) the heap. */
  place(slot: number): void {
    const t = this.host.rec[4 * slot]!;
    if (this.rungs === 0 || t > this.rungEnd) {
      this.topAdd(slot, t);
      return;
    }
    for (let r = 0; ; r++) {
      const i = this.bucketOf(r, t);
      const cur = this.rungCur[r]!;
      if (i > cur) {
        const heads = this.rungHeads[r]!;
        this.host.recI[8 * slot + 7] = heads[i]!;
        heads[i] = slot;
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
      const heads = this.rungHeads[r]!;
      const n = this.rungBuckets[r]!;
      let cur = this.rungCur[r]! + 1;
      while (cur < n && heads[cur] === NONE) cur++;
      if (cur === n) {
        this.rungs--;
        continue;
      }
      this.rungCur[r] = cur;
      const head = heads[cur]!;
      heads[cur] = NONE;
      if (this.takeList(head, this.rungs < MAX_RUNGS)) return true;
    }
  }

  /** The bucket of rung r for time t: monotone in t, the same for equal times. */
  private bucketOf(r: number, t: number): number {
    const i = Math.floor((t - this.rungBase[r]!) * this.rungScale[r]!);
    const last = this.rungBuckets[r]! - 1;
    return i < 0 ? 0 : i > last ? last : i;
  }

  /**
   * Takes a bucket's list: cancelled events are dropped; a crowded bucket whose times differ
   * becomes a new innermost rung (false: nothing moved to the heap yet); otherwise its events
   * go into the heap (true). With many events pending, reading each record is a cache miss;
   * reading its handler here too, beside it, overlaps that miss with this one instead of
   * paying it again when the event fires.
   */
  private takeList(head: number, mayCut: boolean): boolean {
    const { rec, recI, handlers } = this.host;
    let count = 0;
    let min = Infinity;
    let max = -Infinity;
    let prev = NONE;
    for (let s = head; s !== NONE; ) {
      const next = recI[8 * s + 7]!;
      if (handlers[s] === null) {
        if (prev === NONE) head = next;
        else recI[8 * prev + 7] = next;
        this.host.release(s);
      } else {
        const t = rec[4 * s]!;
        if (t < min) min = t;
        if (t > max) max = t;
        count++;
        prev = s;
      }
      s = next;
    }
    if (count > BUCKET_MAX && mayCut && max > min && this.cut(head, count, min, max)) return false;
    for (let s = head; s !== NONE; s = recI[8 * s + 7]!) this.host.heapPush(s);
    return true;
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
    const { rec, recI } = this.host;
    for (let s = head; s !== NONE; ) {
      const next = recI[8 * s + 7]!;
      const i = this.bucketOf(r, rec[4 * s]!);
      recI[8 * s + 7] = heads[i]!;
      heads[i] = s;
      s = next;
    }
    return true;
  }

  /**
   * With every rung spent: top becomes rung 0 (false); or, if its times are all equal, it
   * goes to the heap, which works alone again (true).
   */
  private layOutTop(): boolean {
    const head = this.topHead;
    const count = this.topCount;
    const min = this.topMin;
    const max = this.topMax;
    this.topHead = NONE;
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMax = -Infinity;
    this.rungEnd = max;
    if (max > min && this.cut(head, count, min, max)) return false;
    this.rungEnd = -Infinity;
    this.pushList(head);
    this.inUse = false;
    return true;
  }

  /** Few events are left: they all move into the heap, which works alone again. */
  private collapse(): void {
    for (let r = 0; r < this.rungs; r++) {
      const heads = this.rungHeads[r]!;
      const n = this.rungBuckets[r]!;
      for (let i = this.rungCur[r]! + 1; i < n; i++) {
        this.pushList(heads[i]!);
        heads[i] = NONE;
      }
    }
    this.pushList(this.topHead);
    this.rungs = 0;
    this.topHead = NONE;
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMax = -Infinity;
    this.rungEnd = -Infinity;
    this.inUse = false;
  }

  /** Pushes a list's live events onto the heap and frees its cancelled ones. */
  private pushList(head: number): void {
    const { recI, handlers } = this.host;
    for (let s = head; s !== NONE; ) {
      const next = recI[8 * s + 7]!;
      if (handlers[s] === null) this.host.release(s);
      else this.host.heapPush(s);
      s = next;
    }
  }

  private topAdd(slot: number, t: number): void {
    this.host.recI[8 * slot + 7] = this.topHead;
    this.topHead = slot;
    this.topCount++;
    if (t < this.topMin) this.topMin = t;
    if (t > this.topMax) this.topMax = t;
  }
}
