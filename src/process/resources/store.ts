import type { Simulation } from '../../kernel/simulation.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { Metrics } from '../../metrics/metrics.ts';
import type { Process } from '../process.ts';
import { BaseResource, type BaseResourceOptions } from './base-resource.ts';

export interface StoreOptions extends BaseResourceOptions {
  /** Items it holds at most; a put waits while it is full. @default Infinity */
  readonly capacity?: number;
}

/**
 * A FIFO of items between processes (SimPy's Store): `yield* put(store, item)` adds one
 * (waiting while full), `yield* take(store)` removes the oldest (waiting while empty, up to
 * an optional timeout). Metrics: `<name>_depth`, `<name>_waiters` (takers waiting),
 * `<name>_wait_s` (time a take waited), `<name>_timeouts`.
 */
export class Store<T> extends BaseResource {
  readonly capacity: number;
  readonly depth: Gauge;
  private items: (T | undefined)[] = new Array<T | undefined>(16).fill(undefined);
  private first = 0;
  private count = 0;

  constructor(env: { readonly sim: Simulation; readonly metrics: Metrics }, opts: StoreOptions) {
    const capacity = opts.capacity ?? Infinity;
    if (!(capacity >= 1)) throw new RangeError(`${opts.name}: capacity must be >= 1, got ${capacity}`);
    super(env, opts);
    this.capacity = capacity;
    this.depth = env.metrics.gauge(`${opts.name}_depth`);
  }

  /** Items held now. */
  get length(): number {
    return this.count;
  }

  /**
   * Adds an item from outside a process (a component's callback, the model's setup); takers
   * waiting get it at the current time. False, and nothing added, if the store is full.
   */
  offer(item: T): boolean {
    return this.putNow(item);
  }

  protected doGet(p: Process<unknown>): boolean {
    if (this.count === 0) return false;
    const item = this.items[this.first];
    this.items[this.first] = undefined;
    this.first = (this.first + 1) & (this.items.length - 1);
    this.depth.set(--this.count);
    p.value = item;
    return true;
  }

  protected doPut(item: unknown): boolean {
    if (this.count >= this.capacity) return false;
    if (this.count === this.items.length) this.grow();
    this.items[(this.first + this.count) & (this.items.length - 1)] = item as T;
    this.depth.set(++this.count);
    return true;
  }

  private grow(): void {
    const n = this.items.length * 2;
    const next = new Array<T | undefined>(n).fill(undefined);
    for (let i = 0; i < this.count; i++) next[i] = this.items[(this.first + i) & (this.items.length - 1)];
    this.items = next;
    this.first = 0;
  }
}
