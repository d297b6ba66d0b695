import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { Histogram } from '../../metrics/histogram.ts';
import type { ComponentEnv } from '../component-env.ts';
import { RingBuffer } from '../disciplines/ring-buffer.ts';
import { FreeList } from '../plumbing/free-list.ts';
import { grown } from '../plumbing/grow.ts';

/**
 * Whoever asks a pool for a connection. One object serves all of its requests; `token`
 * (a job id, a request id) tells them apart, so a request allocates nothing.
 */
export interface PoolRequester {
  /** The connection is yours until you call `pool.release()`. */
  granted(token: number): void;
  /** The acquire timeout passed with no connection; the request is over. */
  timedOut(token: number): void;
}

export interface ConnectionPoolOptions {
  /** Names the metrics `<name>_in_use`, `<name>_waiters`, `<name>_wait_s`, `<name>_timeouts`. */
  readonly name: string;
  /** Connections in the pool. */
  readonly size: number;
  /**
   * A gauge shared by every pool to the same server (e.g. `db_connections` when the API and
   * the jobs have pools of their own), moved by this pool's in-use count. @default none
   */
  readonly serverConnections?: Gauge;
}

const TIMEOUT = 1;
// Waiter slot states. A timed-out waiter stays in the FIFO ring, marked dead, until it
// reaches the head; so a timeout costs O(1) instead of a search through thousands of waiters.
const FREE = 0;
const WAITING = 1;
const DEAD = 2;

/**
 * A fixed number of connections (or any interchangeable resource). A request is granted at
 * once when a connection is free; otherwise it waits in FIFO order until a release hands it
 * one, or until its own acquire timeout, when `timedOut` is called and it leaves the queue.
 *
 * `granted` is called before `acquire` returns when a connection is free, and from inside
 * `release` for the first waiter, so a hand-over takes no simulated time.
 *
 * Invariant: inUse <= size, and waiters > 0 only while inUse === size.
 */
export class ConnectionPool implements EventHandler {
  readonly inUseGauge: Gauge;
  readonly waitersGauge: Gauge;
  /** Wait of every granted request, zero waits included, seconds. */
  readonly wait: Histogram;
  readonly timeouts: Counter;
  inUse = 0;
  /** Requests waiting (dead ring entries excluded). */
  waiters = 0;
  private readonly fifo = new RingBuffer(256);
  private readonly requesters: (PoolRequester | null)[] = [];
  private tokens = new Float64Array(64);
  private since = new Float64Array(64);
  private timers = new Float64Array(64);
  private state = new Uint8Array(64);
  private readonly slots = new FreeList(64, (n) => this.grow(n));
  private readonly server: Gauge | null;

  constructor(private readonly env: ComponentEnv, private readonly opts: ConnectionPoolOptions) {
    if (!(opts.size >= 0 && Number.isInteger(opts.size))) throw new RangeError(`${opts.name}: size must be a whole number >= 0, got ${opts.size}`);
    const m = env.metrics;
    this.inUseGauge = m.gauge(`${opts.name}_in_use`);
    this.waitersGauge = m.gauge(`${opts.name}_waiters`);
    this.wait = m.histogram(`${opts.name}_wait_s`);
    this.timeouts = m.counter(`${opts.name}_timeouts`);
    this.server = opts.serverConnections ?? null;
  }

  get size(): number {
    return this.opts.size;
  }

  /**
   * Asks for a connection on behalf of `requester`. `timeoutS` may be Infinity (wait as long
   * as it takes) or 0 (fail at once, at the current time, if none is free).
   */
  acquire(requester: PoolRequester, token: number, timeoutS: number): void {
    if (this.inUse < this.opts.size) {
      this.take();
      this.wait.record(0);
      requester.granted(token);
      return;
    }
    const slot = this.newSlot();
    this.requesters[slot] = requester;
    this.tokens[slot] = token;
    this.since[slot] = this.env.sim.now;
    this.state[slot] = WAITING;
    this.timers[slot] = timeoutS < Infinity ? this.env.sim.schedule(timeoutS, this, TIMEOUT, slot) : -1;
    this.fifo.push(slot);
    this.waiters++;
    this.waitersGauge.set(this.waiters);
  }

  /** Returns one connection; the first live waiter, if any, gets it now. */
  release(): void {
    if (this.inUse <= 0) throw new Error(`${this.opts.name}: release() with no connection in use`);
    while (this.fifo.length > 0) {
      const slot = this.fifo.shift();
      if (this.state[slot] === DEAD) {
        this.freeSlot(slot);
        continue;
      }
      const requester = this.requesters[slot]!;
      const token = this.tokens[slot]!;
      if (this.timers[slot]! >= 0) this.env.sim.cancel(this.timers[slot]!);
      this.wait.record(this.env.sim.now - this.since[slot]!);
      this.freeSlot(slot);
      this.waiters--;
      this.waitersGauge.set(this.waiters);
      // The connection passes straight to the waiter: inUse is unchanged.
      requester.granted(token);
      return;
    }
    this.inUse--;
    this.inUseGauge.set(this.inUse);
    this.server?.add(-1);
  }

  handleEvent(_tag: number, slot: number): void {
    const requester = this.requesters[slot]!;
    const token = this.tokens[slot]!;
    this.state[slot] = DEAD;
    this.requesters[slot] = null;
    this.waiters--;
    this.waitersGauge.set(this.waiters);
    this.timeouts.add();
    if (this.fifo.length > 2 * this.waiters + 64) this.dropDead();
    requester.timedOut(token);
  }

  /** Frees dead ring entries when they outnumber live ones (a pool nobody releases). */
  private dropDead(): void {
    for (let i = this.fifo.length; i > 0; i--) {
      const slot = this.fifo.shift();
      if (this.state[slot] === DEAD) this.freeSlot(slot);
      else this.fifo.push(slot);
    }
  }

  private take(): void {
    this.inUse++;
    this.inUseGauge.set(this.inUse);
    this.server?.add(1);
  }

  private newSlot(): number {
    const slot = this.slots.alloc();
    if (slot === this.requesters.length) this.requesters.push(null);
    return slot;
  }

  private freeSlot(slot: number): void {
    this.state[slot] = FREE;
    this.requesters[slot] = null;
    this.slots.release(slot);
  }

  private grow(n: number): void {
    this.tokens = grown(this.tokens, n);
    this.since = grown(this.since, n);
    this.timers = grown(this.timers, n);
    this.state = grown(this.state, n);
  }
}
