import { covering } from '../../components/plumbing/grow.ts';
import type { Outcome, ReplyListener, RequestTarget } from '../../components/resilience/requests/request-target.ts';
import type { Process, Withdrawable } from '../process.ts';
import { Tickets } from '../tickets.ts';

const ports = new WeakMap<RequestTarget, TargetPort>();

/**
 * Lets processes send requests to any `RequestTarget` (a `Client`, a `Service`, a limiter)
 * through its ordinary reply interface and wait for the outcome. A process that stops waiting
 * (its own timeout, an interrupt) leaves the request running, its late answer dropped by the
 * ticket, unless it asked for the request to be cancelled.
 */
export class TargetPort implements ReplyListener, Withdrawable {
  private readonly tickets = new Tickets();
  /** The target's handle of the request each ticket stands for. */
  private handles = new Float64Array(16);
  /** The open ticket of each process waiting with `cancel`, to withdraw its request. */
  private readonly cancellable = new Map<Process<unknown>, number>();

  private constructor(private readonly target: RequestTarget) {}

  /** The one port of `target`. */
  static of(target: RequestTarget): TargetPort {
    let port = ports.get(target);
    if (port === undefined) {
      port = new TargetPort(target);
      ports.set(target, port);
    }
    return port;
  }

  call(p: Process<unknown>, timeoutS: number, cancel: boolean): void {
    const id = p.beginWait(timeoutS, null, cancel ? this : null);
    if (p.settled) return;
    const ticket = this.tickets.issue(p, id);
    if (cancel) this.cancellable.set(p, ticket);
    this.handles = covering(this.handles, ticket);
    // The answer may come before send returns (a limiter refusing at once): then the ticket
    // is already spent and the handle written here is never read.
    this.handles[ticket] = this.target.send(this, ticket);
  }

  reply(ticket: number, outcome: Outcome): void {
    const p = this.tickets.redeem(ticket);
    if (p === null) return;
    this.cancellable.delete(p);
    p.settle(outcome);
  }

  withdraw(p: Process<unknown>): void {
    const ticket = this.cancellable.get(p);
    if (ticket === undefined) return;
    this.cancellable.delete(p);
    this.target.cancel(this.handles[ticket]!);
    this.tickets.redeem(ticket);
  }
}
