import { EventQueue, type EventHandle, type EventHandler } from '../../kernel/event-queue.ts';
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
 */
export class ProcessorSharing implements EventHandler {
  /** Called after every change in the number running (before the owner hears of a finish). */
  onChange: () => void = () => {};
  // Min-heap of (finish tag, start order) -> piece slot; ties finish in start order.
  private readonly tags = new EventQueue(256);
  private virtual = 0;
  private lastT = 0;
  private running = 0;
  private speed = 1;
  private next: EventHandle = -1;
  /** Tag the scheduled completion was computed for; Infinity when none is scheduled. */
  private nextTag = Infinity;
  private readonly owners: (WorkOwner | null)[] = [];
  private readonly slots: GenerationSlots;
  private tokens = new Float64Array(64);
  private startedAt = new Float64Array(64);
  /** The piece's entry in the tag heap, for cancel. */
  private tagHandles = new Float64Array(64);

  constructor(private readonly sim: Simulation, private readonly cores: number) {
    if (!(cores > 0)) throw new RangeError(`cores must be a positive number, got ${cores}`);
    this.slots = new GenerationSlots(64, (n) => {
      this.tokens = grown(this.tokens, n);
      this.startedAt = grown(this.startedAt, n);
      this.tagHandles = grown(this.tagHandles, n);
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
    this.advance();
    const slot = this.slots.alloc();
    if (slot === this.owners.length) this.owners.push(null);
    this.owners[slot] = owner;
    this.tokens[slot] = token;
    this.startedAt[slot] = this.sim.now;
    const tag = this.virtual + workS;
    this.tagHandles[slot] = this.tags.push(tag, this, 0, slot);
    const before = this.rate();
    this.running++;
    this.onChange();
    if (this.rate() !== before || tag < this.nextTag) this.reschedule();
    return this.slots.idOf(slot);
  }

  /** Stops a running piece: its owner never hears of it. False if it already ended. */
  cancel(handle: number): boolean {
    const slot = this.slots.slotOf(handle);
    if (slot < 0 || this.owners[slot] === null) return false;
    this.advance();
    this.tags.cancel(this.tagHandles[slot]!);
    this.free(slot);
    this.running--;
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
    this.reschedule();
  }

  handleEvent(): void {
    this.advance();
    this.tags.pop();
    // The clock was computed to reach this tag now; snap to it so rounding cannot accumulate.
    this.virtual = this.tags.poppedTime;
    const slot = this.tags.poppedArg;
    const owner = this.owners[slot]!;
    const token = this.tokens[slot]!;
    const startedAt = this.startedAt[slot]!;
    this.free(slot);
    this.next = -1;
    this.nextTag = Infinity;
    this.running--;
    this.onChange();
    this.reschedule();
    owner.workDone(token, startedAt);
  }

  /** Virtual seconds per second: the service each running piece receives. */
  private rate(): number {
    return this.speed * (this.running <= this.cores ? 1 : this.cores / this.running);
  }

  private advance(): void {
    const now = this.sim.now;
    if (this.running > 0) this.virtual += (now - this.lastT) * this.rate();
    this.lastT = now;
  }

  private reschedule(): void {
    if (this.next >= 0) this.sim.cancel(this.next);
    const tag = this.tags.peekTime();
    const rate = this.rate();
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
}
