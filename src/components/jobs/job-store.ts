import type { Clock } from '../../kernel/simulation.ts';
import { FreeList } from '../plumbing/free-list.ts';
import { grown } from '../plumbing/grow.ts';

// Ids below 2^21 (two million jobs in flight) leave 32 bits of generation in a safe integer.
const HANDLE_IDS = 2 ** 21;

/**
 * Jobs as rows of typed arrays, addressed by integer id, with ids reused through a free list:
 * creating a job allocates no object, and memory follows the jobs in flight, not the jobs
 * ever created.
 *
 * Arrays are replaced when the store grows, so read them through the store
 * (`store.createdAt[id]`) rather than keeping a reference.
 */
export class JobStore {
  createdAt: Float64Array;
  enqueuedAt: Float64Array;
  startedAt: Float64Array;
  /** Job type index into `typeNames`. */
  type: Int32Array;
  /** Priority class: 0 is served first. */
  priority: Int32Array;
  attempts: Int32Array;
  /** A free field for the model (an item index, a user id). */
  data: Float64Array;
  /** Bumped each time an id is released, so a handle to an earlier job with the same id goes stale. */
  generation: Uint32Array;
  readonly typeNames: string[] = [];
  /** Jobs created so far. */
  created = 0;
  private readonly ids: FreeList;

  /**
   * @param clock The run's clock, for `createNow`. A model's store (`ctx.jobs`) has the
   *   simulation's.
   */
  constructor(
    initialCapacity = 1024,
    readonly clock: Clock | null = null,
  ) {
    const n = Math.max(16, initialCapacity);
    this.createdAt = new Float64Array(n);
    this.enqueuedAt = new Float64Array(n);
    this.startedAt = new Float64Array(n);
    this.type = new Int32Array(n);
    this.priority = new Int32Array(n);
    this.attempts = new Int32Array(n);
    this.data = new Float64Array(n);
    this.generation = new Uint32Array(n);
    this.ids = new FreeList(n, (m) => this.grow(m));
  }

  /** The index of a job type, registering the name on first use. */
  typeId(name: string): number {
    const i = this.typeNames.indexOf(name);
    if (i >= 0) return i;
    this.typeNames.push(name);
    return this.typeNames.length - 1;
  }

  /** Jobs created and not yet released. */
  get live(): number {
    return this.ids.live;
  }

  create(now: number, type = 0, priority = 0): number {
    const id = this.ids.alloc();
    this.createdAt[id] = now;
    this.init(id, type, priority);
    return id;
  }

  /**
   * `create(clock.now, type, priority)`, for the per-job paths of arrival sources. It takes no
   * time argument, and the rest of the row is filled by a call that takes none either: a
   * double passed to a call V8 does not inline is boxed on the heap, an allocation per job.
   */
  createNow(type: number, priority: number): number {
    const id = this.ids.alloc();
    this.createdAt[id] = this.clock!.now;
    this.init(id, type, priority);
    return id;
  }

  /** Fills a new job's row, its creation time already written. */
  private init(id: number, type: number, priority: number): void {
    this.enqueuedAt[id] = this.createdAt[id]!;
    this.startedAt[id] = NaN;
    this.type[id] = type;
    this.priority[id] = priority;
    this.attempts[id] = 0;
    this.data[id] = 0;
    this.created++;
  }

  /** Returns the id to the free list; the job must not be used afterwards. */
  release(id: number): void {
    this.generation[id] = (this.generation[id]! + 1) >>> 0;
    this.ids.release(id);
  }

  /**
   * A handle to job `id` as it is now: an event or a reply can carry it instead of the id,
   * because ids are reused. `resolve` turns it back into the id only while that same job
   * lives, so a timeout or a reply for a job that has since been released (and its id
   * given to a new job) cannot touch the new one. The handle packs (generation, id) into
   * one safe integer, as the event queue's handles do.
   */
  handle(id: number): number {
    if (id >= HANDLE_IDS) throw new RangeError(`job handles cover ids below ${HANDLE_IDS}; job ${id} is beyond them`);
    return this.generation[id]! * HANDLE_IDS + id;
  }

  /** The job id a handle names, or -1 if that job has been released since. */
  resolve(handle: number): number {
    const id = handle % HANDLE_IDS;
    return id < this.ids.used && this.generation[id] === (handle - id) / HANDLE_IDS ? id : -1;
  }

  private grow(n: number): void {
    this.createdAt = grown(this.createdAt, n);
    this.enqueuedAt = grown(this.enqueuedAt, n);
    this.startedAt = grown(this.startedAt, n);
    this.data = grown(this.data, n);
    this.type = grown(this.type, n);
    this.priority = grown(this.priority, n);
    this.attempts = grown(this.attempts, n);
    this.generation = grown(this.generation, n);
  }
}
