import type { Simulation } from '../../kernel/simulation.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { Metrics } from '../../metrics/metrics.ts';
import type { Process } from '../process.ts';
import { BaseResource, type BaseResourceOptions } from './base-resource.ts';

export interface ResourceOptions extends BaseResourceOptions {
  /** Units that can be held at once (servers, connections, licences). */
  readonly capacity: number;
}

/**
 * `capacity` interchangeable units (SimPy's Resource): a process takes one with
 * `yield* acquire(resource)` (waiting in FIFO or priority order, with an optional timeout)
 * and gives it back with `release(resource)`. Metrics: `<name>_in_use`, `<name>_waiters`,
 * `<name>_wait_s`, `<name>_timeouts`.
 *
 * Invariant: 0 <= inUse <= capacity, and processes wait only while inUse === capacity.
 */
export class Resource extends BaseResource {
  /** Units held now. */
  inUse = 0;
  readonly capacity: number;
  readonly inUseGauge: Gauge;

  constructor(env: { readonly sim: Simulation; readonly metrics: Metrics }, opts: ResourceOptions) {
    if (!(opts.capacity >= 0 && Number.isInteger(opts.capacity))) throw new RangeError(`${opts.name}: capacity must be a whole number >= 0, got ${opts.capacity}`);
    super(env, opts);
    this.capacity = opts.capacity;
    this.inUseGauge = env.metrics.gauge(`${opts.name}_in_use`);
  }

  /** Gives back one unit; the first waiter, if any, gets it at the current time. */
  release(): void {
    if (this.inUse <= 0) throw new RangeError(`${this.name}: release() with no unit in use`);
    this.putNow(null);
  }

  protected doGet(p: Process<unknown>): boolean {
    if (this.inUse >= this.capacity) return false;
    this.inUseGauge.set(++this.inUse);
    p.value = true;
    return true;
  }

  protected doPut(): boolean {
    this.inUseGauge.set(--this.inUse);
    return true;
  }
}
