import type { Distribution } from '../../kernel/distributions/distribution.ts';
import type { Rng } from '../../kernel/rng.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { Histogram } from '../../metrics/histogram.ts';
import type { ComponentEnv } from '../component-env.ts';
import { RingBuffer } from '../disciplines/ring-buffer.ts';
import { GenerationSlots } from '../plumbing/generation-slots.ts';
import { grown } from '../plumbing/grow.ts';
import { NO_REQUEST, Outcome, type ReplyListener, type RequestTarget } from '../resilience/requests/request-target.ts';
import { NoShedding } from '../resilience/shedding/no-shedding.ts';
import type { QueueShedder } from '../resilience/shedding/queue-shedder.ts';
import { ProcessorSharing, type WorkOwner } from './processor-sharing.ts';

/** The order a service's workers take waiting requests in. */
export const QUEUE_ORDERS = ['fifo', 'lifo', 'adaptive-lifo'] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

/** From `atS` on, the service runs at `ratio` of its nominal capacity. */
export interface CapacityStep {
  readonly atS: number;
  readonly ratio: number;
}

export interface ServiceOptions {
  /**
   * Names the random stream and the metrics `<name>_requests`, `<name>_completed`,
   * `<name>_rejected`, `<name>_shed`, `<name>_cancelled` (counts), `<name>_concurrency`
   * (requests at the service: in service plus waiting), `<name>_in_service`,
   * `<name>_queue_depth`, `<name>_capacity` (1 = nominal), `<name>_cpu_ratio` (finite cores
   * only) and `<name>_latency_s` (arrival to answer of served requests).
   */
  readonly name: string;
  /** Work of one request: seconds of one core at nominal capacity. */
  readonly work: Distribution;
  /**
   * Cores shared by the requests in service, by processor sharing: with n in service each
   * runs at min(1, cores / n) of a core. Infinity: each runs at full speed, so latency is
   * the work alone (plus the slope). @default 1
   */
  readonly cores?: number;
  /**
   * Extra work per request already in service when one starts, seconds: a request starting
   * beside k others needs work + slopeS · k (lock contention, coordination, cache thrash),
   * i.e. latency = base + slope × concurrency. @default 0
   */
  readonly slopeS?: number;
  /** Requests in service at once (threads, connections); the rest wait. @default Infinity */
  readonly workers?: number;
  /**
   * fifo: oldest first. lifo: newest first. adaptive-lifo: oldest first until the queue has
   * not been empty for `lifoAfterS`, then newest first, so under overload fresh requests
   * (whose callers still wait) are served and old ones age out ("Fail at Scale", Maurer,
   * 2015). @default 'fifo'
   */
  readonly queueOrder?: QueueOrder;
  /** @default 100 ms */
  readonly lifoAfterS?: number;
  /** Which requests may wait and which that waited are dropped. @default NoShedding */
  readonly shedder?: QueueShedder;
  /** Capacity over time, e.g. a CPU cap cut by 80% for 10 s: `[{ atS: 60, ratio: 0.2 }, { atS: 70, ratio: 1 }]`. @default nominal throughout */
  readonly capacity?: readonly CapacityStep[];
}

const FREE = 0;
const WAITING = 1;
const RUNNING = 2;
/** Cancelled while waiting: the entry stays in the queue ring until a worker reaches it. */
const DEAD = 3;

/**
 * A service that answers requests, with a latency that can depend on its load: a pool of
 * `workers` serving a queue, the requests in service sharing `cores` by processor sharing
 * (`ProcessorSharing`, as `Database` does) and optionally slowed by each other
 * (`slopeS`), its capacity changing over time (a CPU cap, a GC pause, a slow dependency).
 * Work a caller abandons keeps running unless the caller cancels it: the usual and
 * dangerous case, since the service then spends its capacity on answers nobody reads.
 *
 * Requests are identified by generation-checked handles, so cancelling a request that has
 * already been answered does nothing. Every request gets exactly one reply unless cancelled;
 * a reply is sent after the service's own state is updated, so a caller may send its next
 * request from inside it.
 */
export class Service implements RequestTarget, WorkOwner {
  readonly requests: Counter;
  readonly completed: Counter;
  readonly rejected: Counter;
  readonly shed: Counter;
  readonly cancelled: Counter;
  readonly concurrency: Gauge;
  readonly inServiceGauge: Gauge;
  readonly queueDepth: Gauge;
  readonly capacityGauge: Gauge;
  readonly cpu: Gauge | null;
  readonly latency: Histogram;
  private readonly ps: ProcessorSharing;
  private readonly rng: Rng;
  private readonly shedder: QueueShedder;
  private readonly queue = new RingBuffer(256);
  private readonly slots: GenerationSlots;
  private readonly listeners: (ReplyListener | null)[] = [];
  private tokens = new Float64Array(256);
  private arrivedAt = new Float64Array(256);
  /** The running request's handle in the processor-sharing engine. */
  private workHandle = new Float64Array(256);
  private state = new Uint8Array(256);
  private readonly workers: number;
  private readonly cores: number;
  private readonly slopeS: number;
  private readonly order: QueueOrder;
  private readonly lifoAfterS: number;
  private inService = 0;
  /** Live requests waiting (dead ring entries excluded). */
  private waiting = 0;
  private lastEmptyS = 0;

  constructor(private readonly env: ComponentEnv, readonly opts: ServiceOptions) {
    const { name } = opts;
    this.cores = opts.cores ?? 1;
    this.workers = opts.workers ?? Infinity;
    this.slopeS = opts.slopeS ?? 0;
    this.order = opts.queueOrder ?? 'fifo';
    this.lifoAfterS = opts.lifoAfterS ?? 0.1;
    if (!(this.cores > 0)) throw new RangeError(`${name}: cores must be a positive number, got ${this.cores}`);
    if (!(this.workers >= 1 && (Number.isInteger(this.workers) || this.workers === Infinity))) throw new RangeError(`${name}: workers must be a whole number >= 1, got ${this.workers}`);
    if (!(this.slopeS >= 0)) throw new RangeError(`${name}: slope must be >= 0 s, got ${this.slopeS}`);
    if (!(this.lifoAfterS >= 0)) throw new RangeError(`${name}: lifoAfterS must be >= 0 s, got ${this.lifoAfterS}`);
    const m = env.metrics;
    this.requests = m.counter(`${name}_requests`);
    this.completed = m.counter(`${name}_completed`);
    this.rejected = m.counter(`${name}_rejected`);
    this.shed = m.counter(`${name}_shed`);
    this.cancelled = m.counter(`${name}_cancelled`);
    this.concurrency = m.gauge(`${name}_concurrency`);
    this.inServiceGauge = m.gauge(`${name}_in_service`);
    this.queueDepth = m.gauge(`${name}_queue_depth`);
    this.capacityGauge = m.gauge(`${name}_capacity`);
    this.cpu = Number.isFinite(this.cores) ? m.gauge(`${name}_cpu_ratio`) : null;
    this.latency = m.histogram(`${name}_latency_s`);
    this.rng = env.sim.rng(name);
    this.shedder = opts.shedder ?? new NoShedding();
    this.ps = new ProcessorSharing(env.sim, this.cores);
    this.slots = new GenerationSlots(256, (n) => {
      this.tokens = grown(this.tokens, n);
      this.arrivedAt = grown(this.arrivedAt, n);
      this.workHandle = grown(this.workHandle, n);
      const state = new Uint8Array(n);
      state.set(this.state);
      this.state = state;
    });
    this.capacityGauge.set(1);
    for (const step of opts.capacity ?? []) {
      if (!(step.atS >= 0)) throw new RangeError(`${name}: a capacity step's time must be >= 0 s, got ${step.atS}`);
      env.sim.call(step.atS, () => this.setCapacity(step.ratio));
    }
  }

  /** Requests in service now. */
  get active(): number {
    return this.inService;
  }

  /** Requests waiting now. */
  get queued(): number {
    return this.waiting;
  }

  /** Capacity now, relative to nominal. */
  get capacity(): number {
    return this.ps.capacity;
  }

  /** Runs at `ratio` of nominal capacity from now on; work in service keeps its progress. */
  setCapacity(ratio: number): void {
    this.ps.setCapacity(ratio);
    this.capacityGauge.set(ratio);
  }

  send(from: ReplyListener, token: number): number {
    this.requests.add();
    const now = this.env.sim.now;
    const slot = this.slots.alloc();
    if (slot === this.listeners.length) this.listeners.push(null);
    this.listeners[slot] = from;
    this.tokens[slot] = token;
    this.arrivedAt[slot] = now;
    const id = this.slots.idOf(slot);
    if (this.inService < this.workers && this.waiting === 0) {
      this.start(slot);
      return id;
    }
    if (!this.shedder.admits(this.waiting)) {
      this.free(slot);
      this.rejected.add();
      from.reply(token, Outcome.rejected);
      return NO_REQUEST;
    }
    this.state[slot] = WAITING;
    this.queue.push(slot);
    this.waiting++;
    this.observe();
    return id;
  }

  cancel(handle: number): boolean {
    const slot = this.slots.slotOf(handle);
    if (slot < 0) return false;
    const s = this.state[slot]!;
    if (s === RUNNING) {
      this.ps.cancel(this.workHandle[slot]!);
      this.inService--;
      this.free(slot);
      this.cancelled.add();
      this.startWaiting();
      this.observe();
      return true;
    }
    if (s !== WAITING) return false;
    this.state[slot] = DEAD;
    this.listeners[slot] = null;
    this.waiting--;
    if (this.waiting === 0) this.lastEmptyS = this.env.sim.now;
    this.cancelled.add();
    if (this.queue.length > 2 * this.waiting + 64) this.dropDead();
    this.observe();
    return true;
  }

  workDone(id: number): void {
    const slot = this.slots.slotOf(id);
    const from = this.listeners[slot]!;
    const token = this.tokens[slot]!;
    this.latency.record(this.env.sim.now - this.arrivedAt[slot]!);
    this.completed.add();
    this.inService--;
    this.free(slot);
    this.startWaiting();
    this.observe();
    // Last: the caller may send its next request from inside this call.
    from.reply(token, Outcome.ok);
  }

  private start(slot: number): void {
    const work = this.opts.work.sample(this.rng) + this.slopeS * this.inService;
    this.state[slot] = RUNNING;
    this.inService++;
    this.workHandle[slot] = this.ps.start(this, this.slots.idOf(slot), work);
    this.observe();
  }

  private startWaiting(): void {
    while (this.inService < this.workers && this.waiting > 0) {
      const now = this.env.sim.now;
      const newest = this.order === 'lifo' || (this.order === 'adaptive-lifo' && now - this.lastEmptyS > this.lifoAfterS);
      const slot = newest ? this.queue.pop() : this.queue.shift();
      if (this.state[slot] === DEAD) {
        this.free(slot);
        continue;
      }
      this.waiting--;
      const lastEmpty = this.lastEmptyS;
      if (this.waiting === 0) this.lastEmptyS = now;
      if (this.shedder.drops(now - this.arrivedAt[slot]!, now, lastEmpty)) {
        const from = this.listeners[slot]!;
        const token = this.tokens[slot]!;
        this.free(slot);
        this.shed.add();
        this.observe();
        from.reply(token, Outcome.shed);
        continue;
      }
      this.start(slot);
    }
  }

  private free(slot: number): void {
    this.state[slot] = FREE;
    this.listeners[slot] = null;
    this.slots.release(slot);
  }

  /** Frees dead ring entries when they outnumber live ones (callers cancelling while it stalls). */
  private dropDead(): void {
    for (let i = this.queue.length; i > 0; i--) {
      const slot = this.queue.shift();
      if (this.state[slot] === DEAD) this.free(slot);
      else this.queue.push(slot);
    }
  }

  private observe(): void {
    this.inServiceGauge.set(this.inService);
    this.queueDepth.set(this.waiting);
    this.concurrency.set(this.inService + this.waiting);
    if (this.cpu !== null) this.cpu.set(Math.min(this.inService, this.cores) / this.cores);
  }
}
