import type { EventHandle, EventHandler } from '../../kernel/event-queue.ts';
import type { Simulation } from '../../kernel/simulation.ts';
import { GenerationSlots } from '../plumbing/generation-slots.ts';
import { grown } from '../plumbing/grow.ts';

/** Told when a piece of work finishes; `token` is what `start` was given. */
export interface WorkOwner {
  workDone(token: number, startedAtS: number): void;
}

/** Handle of work that was never started or has ended: `cancel` ignores it. */
export const NO_WORK = -1;

const DONE = 1;

/**
 * Work shared by the pieces running at once: `cores` cores by multi-server egalitarian
 * processor sharing, all of it slowed or sped up by a capacity `speed` (1 = nominal, 0.2 = a
 * CPU cap cut by 80%, 0 = a pause). Each piece needs `workS` seconds of one core at nominal
 * speed; with n pieces running each progresses at speed · min(1, cores / n). With cores =
 * Infinity every piece progresses at `speed` alone: a pure delay that a capacity cut stretches.
 *
 * Method: virtual time, as in fair queueing (Demers, Keshav & Shenker 1989; Parekh &
 * Gallager's GPS, 1993). Every running piece progresses at the same rate, so one virtual
 * clock V with dV/dt = rate measures the service each has received since it began. A piece
 * starting at virtual time V with work w finishes when V reaches its tag V + w; tags never
 * change, so pieces finish in tag order. The engine keeps the tags in a heap and schedules
 * only the next completion, at now + (minTag - V) / rate; it is moved only when the rate
 * changes or a new piece's tag becomes the smallest. Exact (up to floating point), O(log n)
 * per start, finish and cancel.
 *
 * The tag heap is a binary heap of its own (one typed array, each tag beside its slot),
 * ordered by (tag, start order): a total order, so pieces with equal tags finish in the order
 * they started. A piece's heap position is kept by slot, so cancel removes it at once.
 */
export class ProcessorSharing implements EventHandler {
  /** Called after every change in the number running (before the owner hears of a finish). */
  onChange: () => void = () => {};
  // Min-heap of (finish tag, start order) -> piece slot, in one array: at position p, the
  // tag (heap[2p]) beside the slot (heap[2p + 1]), so that a sift pays one array's checks per
  // level. Ties finish in start order, read per slot (orderOf) when two tags are equal.
  private heap = new Float64Array(128);
  private heapSize = 0;
  /** Pieces started so far: the start order of the next one. */
  private started = 0;
  private virtual = 0;
  private lastT = 0;
  private running = 0;
  private speed = 1;
  /** Virtual seconds per second, speed · min(1, cores / running): kept as running and speed change. */
  private rate = 1;
  private next: EventHandle = -1;
  /** Tag the scheduled completion was computed for; Infinity when none is scheduled. */
  private nextTag = Infinity;
  private readonly owners: (WorkOwner | null)[] = [];
  private readonly slots: GenerationSlots;
  private tokens = new Float64Array(64);
  private startedAt = new Float64Array(64);
  /** The piece's position in the tag heap, for cancel. */
  private heapPos = new Int32Array(64);
  /** The piece's start order, which breaks ties between equal tags. */
  private orderOf = new Float64Array(64);

  constructor(private readonly sim: Simulation, private readonly cores: number) {
    if (!(cores > 0)) throw new RangeError(`cores must be a positive number, got ${cores}`);
    this.slots = new GenerationSlots(64, (n) => {
      this.tokens = grown(this.tokens, n);
      this.startedAt = grown(this.startedAt, n);
      this.heapPos = grown(this.heapPos, n);
      this.orderOf = grown(this.orderOf, n);
      this.heap = grown(this.heap, 2 * n);
    });
  }

  /** Pieces of work running now. */
  get active(): number {
    return this.running;
  }

  /** Capacity now: 1 nominal, below 1 degraded, 0 paused. */
  get capacity(): number {
    return this.speed;
  }

  /**
   * Starts a piece needing `workS` seconds of one core at nominal speed; `owner.workDone(token)`
   * when it ends. Returns a handle for `cancel`.
   */
  start(owner: WorkOwner, token: number, workS: number): number {
    return this.slots.idOf(this.begin(owner, token, workS));
  }

  /**
   * Like start, for work that is never cancelled: it returns no handle. (A handle is a double
   * beyond the small integers, which a call V8 does not inline boxes on the heap.)
   */
  submit(owner: WorkOwner, token: number, workS: number): void {
    this.begin(owner, token, workS);
  }

  /** Starts a piece; returns its slot. */
  private begin(owner: WorkOwner, token: number, workS: number): number {
    this.advance();
    const slot = this.slots.alloc();
    if (slot === this.owners.length) this.owners.push(null);
    this.owners[slot] = owner;
    this.tokens[slot] = token;
    this.startedAt[slot] = this.sim.now;
    const tag = this.virtual + workS;
    this.orderOf[slot] = this.started++;
    this.heap[this.heapSize << 1] = tag;
    this.siftUp(this.heapSize++, slot);
    const before = this.rate;
    this.setRunning(this.running + 1);
    this.onChange();
    if (this.rate !== before || tag < this.nextTag) this.reschedule();
    return slot;
  }

  /** Stops a running piece: its owner never hears of it. False if it already ended. */
  cancel(handle: number): boolean {
    const slot = this.slots.slotOf(handle);
    if (slot < 0 || this.owners[slot] === null) return false;
    this.advance();
    this.removeAt(this.heapPos[slot]!);
    this.free(slot);
    this.setRunning(this.running - 1);
    this.onChange();
    this.reschedule();
    return true;
  }

  /** Changes the capacity (1 nominal); running pieces keep the service they received. */
  setCapacity(ratio: number): void {
    if (!(ratio >= 0 && Number.isFinite(ratio))) throw new RangeError(`capacity must be a number >= 0, got ${ratio}`);
    if (ratio === this.speed) return;
    this.advance();
    this.speed = ratio;
    this.setRunning(this.running);
    this.reschedule();
  }

  handleEvent(): void {
    this.advance();
    // The clock was computed to reach the smallest tag now; snap to it so rounding cannot accumulate.
    this.virtual = this.heap[0]!;
    const slot = this.heap[1]! | 0;
    this.removeAt(0);
    const owner = this.owners[slot]!;
    const token = this.tokens[slot]!;
    const startedAt = this.startedAt[slot]!;
    this.free(slot);
    this.setRunning(this.running - 1);
    this.onChange();
    // The event firing now was the scheduled one: there is none to cancel.
    this.next = -1;
    this.scheduleNext();
    owner.workDone(token, startedAt);
  }

  /** Sets the number running and the rate: the virtual seconds per second each running piece receives. */
  private setRunning(n: number): void {
    this.running = n;
    this.rate = this.speed * (n <= this.cores ? 1 : this.cores / n);
  }

  private advance(): void {
    const now = this.sim.now;
    if (this.running > 0) this.virtual += (now - this.lastT) * this.rate;
    this.lastT = now;
  }

  /** Moves the completion event to the smallest tag's finish at the current rate. */
  private reschedule(): void {
    if (this.next >= 0) this.sim.cancel(this.next);
    this.scheduleNext();
  }

  /** Schedules the completion event, none being scheduled. */
  private scheduleNext(): void {
    const tag = this.heapSize > 0 ? this.heap[0]! : Infinity;
    const rate = this.rate;
    if (tag === Infinity || rate === 0) {
      this.next = -1;
      this.nextTag = Infinity;
      return;
    }
    this.next = this.sim.schedule(Math.max(0, (tag - this.virtual) / rate), this, DONE, 0);
    this.nextTag = tag;
  }

  private free(slot: number): void {
    this.owners[slot] = null;
    this.slots.release(slot);
  }

  // The sifts move the tag at pos (already written there) with its slot; they take integers
  // alone, so a call V8 does not inline boxes no double.

  /** Moves the entry at pos, holding slot, up to its place. */
  private siftUp(pos: number, slot: number): void {
    const heap = this.heap;
    const orders = this.orderOf;
    const where = this.heapPos;
    const t = heap[pos << 1]!;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const tp = heap[parent << 1]!;
      const s = heap[(parent << 1) | 1]! | 0;
      if (tp < t || (tp === t && orders[s]! < orders[slot]!)) break;
      heap[pos << 1] = tp;
      heap[(pos << 1) | 1] = s;
      where[s] = pos;
      pos = parent;
    }
    heap[pos << 1] = t;
    heap[(pos << 1) | 1] = slot;
    where[slot] = pos;
  }

  /** Moves the entry at pos, holding slot, down to its place. */
  private siftDown(pos: number, slot: number): void {
    const heap = this.heap;
    const orders = this.orderOf;
    const where = this.heapPos;
    const size = this.heapSize;
    const t = heap[pos << 1]!;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= size) break;
      let tc = heap[child << 1]!;
      const right = child + 1;
      if (right < size) {
        const tr = heap[right << 1]!;
        if (tr < tc || (tr === tc && this.orderAt(right) < this.orderAt(child))) {
          child = right;
          tc = tr;
        }
      }
      const s = heap[(child << 1) | 1]! | 0;
      if (t < tc || (t === tc && orders[slot]! < orders[s]!)) break;
      heap[pos << 1] = tc;
      heap[(pos << 1) | 1] = s;
      where[s] = pos;
      pos = child;
    }
    heap[pos << 1] = t;
    heap[(pos << 1) | 1] = slot;
    where[slot] = pos;
  }

  /** Removes the entry at heap position pos: the last entry takes its place and sifts. */
  private removeAt(pos: number): void {
    const last = --this.heapSize;
    if (pos === last) return;
    const heap = this.heap;
    const slot = heap[(last << 1) | 1]! | 0;
    heap[pos << 1] = heap[last << 1]!;
    heap[(pos << 1) | 1] = slot;
    if (pos > 0 && this.before(pos, (pos - 1) >> 1)) this.siftUp(pos, slot);
    else this.siftDown(pos, slot);
  }

  /** Whether the entry at heap position a sorts before the one at position b. */
  private before(a: number, b: number): boolean {
    const heap = this.heap;
    const ta = heap[a << 1]!;
    const tb = heap[b << 1]!;
    return ta < tb || (ta === tb && this.orderAt(a) < this.orderAt(b));
  }

  /** The start order of the piece at heap position pos. */
  private orderAt(pos: number): number {
    return this.orderOf[this.heap[(pos << 1) | 1]! | 0]!;
  }
}
