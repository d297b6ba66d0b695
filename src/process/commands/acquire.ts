import { ConnectionPool } from '../../components/servers/connection-pool.ts';
import { Command } from '../command.ts';
import { argumentError } from '../model-location.ts';
import { PoolPort } from '../ports/pool-port.ts';
import type { Process } from '../process.ts';
import { Resource } from '../resources/resource.ts';
import { priorityOf, type QueueOptions, timeoutOf } from './options.ts';

class Acquire extends Command<boolean> {
  constructor(
    private readonly resource: Resource | ConnectionPool,
    private readonly timeoutS: number,
    private readonly priority: number,
  ) {
    super();
  }

  protected begin(p: Process<unknown>): void {
    const r = this.resource;
    if (r instanceof Resource) r.requestGet(p, this.priority, this.timeoutS, false);
    else PoolPort.of(r).acquire(p, this.timeoutS);
  }

  protected describe(): string {
    return 'acquire(...)';
  }
}

/**
 * Takes one unit of a `Resource`, or one connection of a `ConnectionPool`, waiting in line
 * if none is free: `const ok = yield* acquire(pool, { timeoutS: 2 })` is true once granted,
 * false if `timeoutS` passed first (then nothing is held). `priority` orders waiters of a
 * `priority` Resource (a ConnectionPool is always FIFO).
 */
export function acquire(resource: Resource | ConnectionPool, opts?: QueueOptions): Command<boolean> {
  if (!(resource instanceof Resource || resource instanceof ConnectionPool)) throw argumentError(`acquire(...): expected a Resource or a ConnectionPool, got ${String(resource)}`);
  return new Acquire(resource, timeoutOf(opts, 'acquire'), priorityOf(opts, 'acquire'));
}

/** Gives back a unit taken with `acquire`; the first waiter gets it at the current time. */
export function release(resource: Resource | ConnectionPool): void {
  if (!(resource instanceof Resource || resource instanceof ConnectionPool)) throw argumentError(`release(...): expected a Resource or a ConnectionPool, got ${String(resource)}`);
  try {
    resource.release();
  } catch (e) {
    throw argumentError(e instanceof Error ? e.message : String(e));
  }
}
