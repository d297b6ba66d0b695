import { FreeList } from '../../plumbing/free-list.ts';
import { grown } from '../../plumbing/grow.ts';

/** Life stages of a worker process. */
export const ProcessState = {
  /** A worker waiting for a job. */
  idle: 0,
  /** A worker running an attempt (possibly a hung one). */
  busy: 1,
  /** Spawned, loading its code; becomes idle after the pool's boot time. */
  booting: 2,
  /** Alive but disowned: the pool no longer counts it as a worker, yet it holds its memory. */
  zombie: 3,
  /** Exited; its slot may be reused. */
  dead: 4,
} as const;
export type ProcessState = (typeof ProcessState)[keyof typeof ProcessState];

/**
 * Worker processes as rows of typed arrays, addressed by slot, slots of exited processes
 * reused through a free list. Arrays are replaced when the table grows: read them through
 * the table.
 */
export class ProcessTable {
  state: Uint8Array;
  /** The job a busy worker holds, else -1. */
  job: Int32Array;
  /** Handle of the pending attempt-end (or boot-end) event, else -1. */
  doneEvent: Float64Array;
  /** Handle of the pending timeout event, else -1. */
  timeoutEvent: Float64Array;
  /** When the current attempt hung (it will never end by itself), else NaN. */
  hungSince: Float64Array;
  /** Resident memory apart from the current job: base plus what it leaked so far, MB. */
  rssMb: Float64Array;
  /** Memory the current attempt holds on top of rssMb, MB. */
  jobMb: Float64Array;
  spawnedAt: Float64Array;
  private readonly slots: FreeList;

  constructor(initialCapacity = 16) {
    const n = Math.max(4, initialCapacity);
    this.state = new Uint8Array(n).fill(ProcessState.dead);
    this.job = new Int32Array(n).fill(-1);
    this.doneEvent = new Float64Array(n).fill(-1);
    this.timeoutEvent = new Float64Array(n).fill(-1);
    this.hungSince = new Float64Array(n).fill(NaN);
    this.rssMb = new Float64Array(n);
    this.jobMb = new Float64Array(n);
    this.spawnedAt = new Float64Array(n);
    this.slots = new FreeList(n, (m) => this.grow(m));
  }

  /** Slots ever used: every live process has a slot below this. */
  get size(): number {
    return this.slots.used;
  }

  get capacity(): number {
    return this.state.length;
  }

  /** A slot for a new process, its fields reset; the caller sets its state. */
  alloc(now: number, rssMb: number): number {
    const p = this.slots.alloc();
    this.job[p] = -1;
    this.doneEvent[p] = -1;
    this.timeoutEvent[p] = -1;
    this.hungSince[p] = NaN;
    this.rssMb[p] = rssMb;
    this.jobMb[p] = 0;
    this.spawnedAt[p] = now;
    return p;
  }

  free(p: number): void {
    this.state[p] = ProcessState.dead;
    this.slots.release(p);
  }

  private grow(n: number): void {
    this.state = grown(this.state, n, ProcessState.dead);
    this.job = grown(this.job, n, -1);
    this.doneEvent = grown(this.doneEvent, n, -1);
    this.timeoutEvent = grown(this.timeoutEvent, n, -1);
    this.hungSince = grown(this.hungSince, n, NaN);
    this.rssMb = grown(this.rssMb, n);
    this.jobMb = grown(this.jobMb, n);
    this.spawnedAt = grown(this.spawnedAt, n);
  }
}
