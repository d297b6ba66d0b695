import type { ConnectionPool, PoolRequester } from '../../components/servers/connection-pool.ts';
import type { Process, Withdrawable } from '../process.ts';
import { Tickets } from '../tickets.ts';

const ports = new WeakMap<ConnectionPool, PoolPort>();

/**
 * Lets processes borrow connections from a `ConnectionPool` through its ordinary requester
 * interface, so the pool's FIFO, timeouts and metrics are exactly those a state-machine
 * model sees. A process that stops waiting (interrupted) cannot be taken out of the pool's
 * queue; if the pool later grants it a connection, the port gives the connection straight
 * back, so nothing leaks.
 */
export class PoolPort implements PoolRequester, Withdrawable {
  private readonly tickets = new Tickets();

  private constructor(private readonly pool: ConnectionPool) {}

  /** The one port of `pool`. */
  static of(pool: ConnectionPool): PoolPort {
    let port = ports.get(pool);
    if (port === undefined) {
      port = new PoolPort(pool);
      ports.set(pool, port);
    }
    return port;
  }

  acquire(p: Process<unknown>, timeoutS: number): void {
    // The pool runs the timeout itself; the process waits with no timer of its own.
    const id = p.beginWait(Infinity, false, this);
    if (p.settled) return;
    this.pool.acquire(this, this.tickets.issue(p, id), timeoutS);
  }

  granted(ticket: number): void {
    const p = this.tickets.redeem(ticket);
    if (p === null) this.pool.release();
    else p.settle(true);
  }

  timedOut(ticket: number): void {
    this.tickets.redeem(ticket)?.settle(false);
  }

  withdraw(): void {}
}
