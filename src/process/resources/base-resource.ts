import type { Simulation } from '../../kernel/simulation.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { Histogram } from '../../metrics/histogram.ts';
import type { Metrics } from '../../metrics/metrics.ts';
import type { Process, Withdrawable } from '../process.ts';
import { FifoWaitQueue, PriorityWaitQueue, type WaitQueue } from './wait-queue.ts';

export interface BaseResourceOptions {
  /** Names the metrics `<name>_waiters`, `<name>_wait_s`, `<name>_timeouts`. */
  readonly name: string;
  /** Waiters served first come, first served, or by priority (lower first, FIFO among equals). @default 'fifo' */
  readonly discipline?: 'fifo' | 'priority';
}

/**
 * What every process-side resource shares, after SimPy's `BaseResource`: two queues of
 * waiting processes (getters and putters), their order, timeouts, withdrawal and metrics.
 * A resource says only what getting and putting mean, by two hooks: `doGet` (take what the
 * head getter asks for, if it is there) and `doPut` (add an item, if there is room). After
 * every success the other queue is served, until neither side can move.
 *
 * A newcomer gets at once only when nobody is queued ahead of it, so waiters are never
 * overtaken (and, by priority, only by a lower number).
 */
export abstract class BaseResource {
  readonly name: string;
  /** Processes waiting to get. */
  readonly waitersGauge: Gauge;
  /** Time from asking to getting, of every successful get (zero waits included), seconds. */
  readonly wait: Histogram;
  /** Gets that timed out. */
  readonly timeouts: Counter;
  protected readonly sim: Simulation;
  private readonly getters: WaitQueue;
  private readonly putters: WaitQueue;
  private readonly getterExit: Withdrawable;
  private readonly putterExit: Withdrawable;

  constructor(env: { readonly sim: Simulation; readonly metrics: Metrics }, opts: BaseResourceOptions) {
    this.name = opts.name;
    this.sim = env.sim;
    const byPriority = opts.discipline === 'priority';
    if (opts.discipline !== undefined && opts.discipline !== 'fifo' && !byPriority) {
      throw new RangeError(`${opts.name}: discipline must be 'fifo' or 'priority', got '${String(opts.discipline)}'`);
    }
    this.getters = byPriority ? new PriorityWaitQueue() : new FifoWaitQueue();
    this.putters = byPriority ? new PriorityWaitQueue() : new FifoWaitQueue();
    this.waitersGauge = env.metrics.gauge(`${opts.name}_waiters`);
    this.wait = env.metrics.histogram(`${opts.name}_wait_s`);
    this.timeouts = env.metrics.counter(`${opts.name}_timeouts`);
    this.getterExit = { withdraw: (_p, timedOut) => this.left(this.getters, true, timedOut) };
    this.putterExit = { withdraw: (_p, timedOut) => this.left(this.putters, false, timedOut) };
  }

  /** Processes waiting to get. */
  get waiting(): number {
    return this.getters.live;
  }

  /**
   * Hook: if what `p` asks for is available now, take it, set `p.value` to what `p` gets,
   * and return true; otherwise return false and change nothing.
   */
  protected abstract doGet(p: Process<unknown>): boolean;

  /** Hook: if `item` can be added now, add it and return true; otherwise false. */
  protected abstract doPut(item: unknown): boolean;

  /**
   * @internal Process `p` asks to get. Either it gets at once (`p.value` holds what it got)
   * or it waits, at most `timeoutS` seconds, after which its wait ends with `timeoutValue`.
   */
  requestGet(p: Process<unknown>, priority: number, timeoutS: number, timeoutValue: unknown): void {
    if (this.getters.live === 0 && this.doGet(p)) {
      this.wait.record(0);
      this.serve();
      return;
    }
    if (timeoutS <= 0) {
      this.timeouts.add();
      p.value = timeoutValue;
      return;
    }
    const id = p.beginWait(timeoutS, timeoutValue, this.getterExit);
    if (p.settled) return; // an interrupt was already pending
    this.getters.push(p, id, priority, this.sim.now);
    this.waitersGauge.set(this.getters.live);
  }

  /** @internal Process `p` asks to put `item`: at once if there is room, else it waits (true when put). */
  requestPut(p: Process<unknown>, item: unknown, priority: number, timeoutS: number): void {
    if (this.putters.live === 0 && this.doPut(item)) {
      p.value = true;
      this.serve();
      return;
    }
    if (timeoutS <= 0) {
      p.value = false;
      return;
    }
    const id = p.beginWait(timeoutS, false, this.putterExit);
    if (p.settled) return;
    this.putters.push(p, id, priority, item);
  }

  /** Puts `item` from outside any wait (a release, an item from a component); false if it does not fit. */
  protected putNow(item: unknown): boolean {
    if (this.putters.live > 0 || !this.doPut(item)) return false;
    this.serve();
    return true;
  }

  /** Serves getters and putters alternately until neither can move. */
  private serve(): void {
    let moved = true;
    while (moved) {
      moved = false;
      let p: Process<unknown> | null;
      while ((p = this.getters.head()) !== null && this.doGet(p)) {
        this.wait.record(this.sim.now - (this.getters.headItem() as number));
        this.getters.shift();
        this.waitersGauge.set(this.getters.live);
        p.settle(p.value);
        moved = true;
      }
      while ((p = this.putters.head()) !== null && this.doPut(this.putters.headItem())) {
        this.putters.shift();
        p.settle(true);
        moved = true;
      }
    }
  }

  private left(queue: WaitQueue, getter: boolean, timedOut: boolean): void {
    queue.forget();
    if (!getter) return;
    this.waitersGauge.set(this.getters.live);
    if (timedOut) this.timeouts.add();
  }
}
