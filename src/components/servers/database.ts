import { EventQueue, type EventHandle, type EventHandler } from '../../kernel/event-queue.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { Histogram } from '../../metrics/histogram.ts';
import type { ComponentEnv } from '../component-env.ts';
import { FreeList } from '../plumbing/free-list.ts';
import { grown } from '../plumbing/grow.ts';

/** Whoever runs queries on a database; `token` tells its queries apart. */
export interface QueryRequester {
  queryDone(token: number): void;
}

export interface DatabaseOptions {
  /** Names the metrics `<name>_cpu_ratio`, `<name>_queries`, `<name>_query_s`. */
  readonly name: string;
  /** CPU cores; may be fractional. */
  readonly cores: number;
}

const DONE = 1;

/**
 * A database server with finite CPU: `cores` cores shared by the running queries by
 * multi-server egalitarian processor sharing. Each query needs `cpuS` seconds of one core;
 * with n queries running each progresses at rate min(1, cores / n), so a query runs at full
 * speed while n <= cores and every query slows down in proportion once n exceeds them.
 * CPU utilisation is min(n, cores) / cores (`<name>_cpu_ratio`).
 *
 * Method: virtual time, as in fair queueing (Demers, Keshav & Shenker 1989; Parekh &
 * Gallager's GPS, 1993). Every running query progresses at the same rate, so one virtual
 * clock V with dV/dt = min(1, cores / n) measures the service each has received since it
 * began. A query arriving at virtual time V with work w finishes when V reaches its tag
 * V + w; tags never change, so queries finish in tag order. The server keeps the tags in a
 * heap and schedules only the next completion, at now + (minTag - V) / rate; it is moved
 * only when the rate changes or a new query's tag becomes the smallest. Exact (up to
 * floating point), O(log n) per arrival and departure.
 */
export class Database implements EventHandler {
  /** min(running queries, cores) / cores. */
  readonly cpu: Gauge;
  /** Queries running. */
  readonly queries: Gauge;
  /** Time from a query's start to its completion, seconds. */
  readonly queryTime: Histogram;
  // Min-heap of (finish tag, arrival order) -> query slot; ties finish in arrival order.
  private readonly tags = new EventQueue(256);
  private virtual = 0;
  private lastT = 0;
  private running = 0;
  private next: EventHandle = -1;
  /** Tag the scheduled completion was computed for; Infinity when none is scheduled. */
  private nextTag = Infinity;
  private lastCpu = 0;
  private readonly requesters: (QueryRequester | null)[] = [];
  private tokens = new Float64Array(64);
  private startedAt = new Float64Array(64);
  private readonly slots = new FreeList(64, (n) => this.grow(n));

  constructor(private readonly env: ComponentEnv, private readonly opts: DatabaseOptions) {
    if (!(opts.cores > 0 && Number.isFinite(opts.cores))) throw new RangeError(`${opts.name}: cores must be a positive number, got ${opts.cores}`);
    const m = env.metrics;
    this.cpu = m.gauge(`${opts.name}_cpu_ratio`);
    this.queries = m.gauge(`${opts.name}_queries`);
    this.queryTime = m.histogram(`${opts.name}_query_s`);
  }

  get cores(): number {
    return this.opts.cores;
  }

  /** Queries running now. */
  get active(): number {
    return this.running;
  }

  /** Starts a query needing `cpuS` seconds of one core; `requester.queryDone(token)` when it ends. */
  query(requester: QueryRequester, token: number, cpuS: number): void {
    if (!(cpuS >= 0)) throw new RangeError(`${this.opts.name}: query work must be >= 0 s, got ${cpuS}`);
    this.advance();
    const slot = this.newSlot();
    this.requesters[slot] = requester;
    this.tokens[slot] = token;
    this.startedAt[slot] = this.env.sim.now;
    const tag = this.virtual + cpuS;
    this.tags.push(tag, this, 0, slot);
    const before = this.rate();
    this.running++;
    this.observe();
    if (this.rate() !== before || tag < this.nextTag) this.reschedule();
  }

  handleEvent(): void {
    this.advance();
    this.tags.pop();
    // The clock was computed to reach this tag now; snap to it so rounding cannot accumulate.
    this.virtual = this.tags.poppedTime;
    const slot = this.tags.poppedArg;
    const requester = this.requesters[slot]!;
    const token = this.tokens[slot]!;
    this.queryTime.record(this.env.sim.now - this.startedAt[slot]!);
    this.requesters[slot] = null;
    this.slots.release(slot);
    this.next = -1;
    this.nextTag = Infinity;
    this.running--;
    this.observe();
    this.reschedule();
    requester.queryDone(token);
  }

  /** Service rate of each running query, in core-seconds per second. */
  private rate(): number {
    return this.running <= this.opts.cores ? 1 : this.opts.cores / this.running;
  }

  private advance(): void {
    const now = this.env.sim.now;
    if (this.running > 0) this.virtual += (now - this.lastT) * this.rate();
    this.lastT = now;
  }

  private reschedule(): void {
    if (this.next >= 0) this.env.sim.cancel(this.next);
    const tag = this.tags.peekTime();
    if (tag === Infinity) {
      this.next = -1;
      this.nextTag = Infinity;
      return;
    }
    this.next = this.env.sim.schedule(Math.max(0, (tag - this.virtual) / this.rate()), this, DONE, 0);
    this.nextTag = tag;
  }

  private observe(): void {
    this.queries.set(this.running);
    const cpu = Math.min(this.running, this.opts.cores) / this.opts.cores;
    if (cpu !== this.lastCpu) {
      this.cpu.set(cpu);
      this.lastCpu = cpu;
    }
  }

  private newSlot(): number {
    const slot = this.slots.alloc();
    if (slot === this.requesters.length) this.requesters.push(null);
    return slot;
  }

  private grow(n: number): void {
    this.tokens = grown(this.tokens, n);
    this.startedAt = grown(this.startedAt, n);
  }
}
