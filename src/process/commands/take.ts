import { JobQueue } from '../../components/jobs/job-queue.ts';
import { Command } from '../command.ts';
import { argumentError } from '../model-location.ts';
import { QueuePort } from '../ports/queue-port.ts';
import type { Process } from '../process.ts';
import { Store } from '../resources/store.ts';
import { priorityOf, type QueueOptions, timeoutOf, type WaitOptions } from './options.ts';

class Take<T> extends Command<T> {
  constructor(
    private readonly source: Store<unknown> | JobQueue,
    private readonly timeoutS: number,
    private readonly priority: number,
  ) {
    super();
  }

  protected begin(p: Process<unknown>): void {
    const s = this.source;
    if (s instanceof Store) s.requestGet(p, this.priority, this.timeoutS, undefined);
    else QueuePort.of(s).take(p, this.timeoutS);
  }

  protected describe(): string {
    return 'take(...)';
  }
}

/**
 * Takes the oldest item of a `Store`, waiting while it is empty: `const order = yield* take(orders)`.
 * With `timeoutS`, undefined when the time passed first. From a `JobQueue` it takes a job id
 * (by the queue's discipline), or -1 on timeout.
 */
export function take<T>(source: Store<T>, opts?: QueueOptions): Command<T | undefined>;
export function take(source: JobQueue, opts?: WaitOptions): Command<number>;
export function take<T>(source: Store<T> | JobQueue, opts?: QueueOptions): Command<T | undefined> | Command<number> {
  if (!(source instanceof Store || source instanceof JobQueue)) throw argumentError(`take(...): expected a Store or a JobQueue, got ${String(source)}`);
  return new Take<T>(source, timeoutOf(opts, 'take'), priorityOf(opts, 'take'));
}

class Put extends Command<boolean> {
  constructor(
    private readonly store: Store<unknown>,
    private readonly item: unknown,
    private readonly timeoutS: number,
    private readonly priority: number,
  ) {
    super();
  }

  protected begin(p: Process<unknown>): void {
    this.store.requestPut(p, this.item, this.priority, this.timeoutS);
  }

  protected describe(): string {
    return 'put(...)';
  }
}

/**
 * Adds an item to a `Store`, waiting while it is full: `yield* put(orders, order)`; true once
 * added, false if `timeoutS` passed first. Items cannot be undefined (a timed-out take returns that).
 */
export function put<T>(store: Store<T>, item: T, opts?: QueueOptions): Command<boolean> {
  if (!(store instanceof Store)) throw argumentError(`put(...): expected a Store, got ${String(store)}; put a job on a JobQueue with queue.accept(job)`);
  if (item === undefined) throw argumentError(`put(${store.name}, undefined): a store item cannot be undefined`);
  return new Put(store as Store<unknown>, item, timeoutOf(opts, 'put'), priorityOf(opts, 'put'));
}
