import { FreeList } from '../components/plumbing/free-list.ts';
import { grown } from '../components/plumbing/grow.ts';
import type { Process } from './process.ts';

/**
 * Generation-checked identities for requests a process hands to a component: the component
 * carries a ticket (a small integer, like a job id) and answers with it later. Redeeming a
 * ticket gives the process back only if that very wait is still open; a late answer for a
 * wait that already ended (timed out, interrupted) gets null, so it cannot resume the process
 * in a newer wait.
 */
export class Tickets {
  private procs: (Process<unknown> | null)[] = [];
  private ids = new Float64Array(16);
  private readonly slots = new FreeList(16, (n) => {
    this.ids = grown(this.ids, n);
  });

  /** A ticket for `p`'s wait `id`. */
  issue(p: Process<unknown>, id: number): number {
    const t = this.slots.alloc();
    this.procs[t] = p;
    this.ids[t] = id;
    return t;
  }

  /** The process whose wait the ticket was issued for, if that wait is still open; the ticket is spent either way. */
  redeem(ticket: number): Process<unknown> | null {
    const p = this.procs[ticket] ?? null;
    if (p === null) throw new Error(`ticket ${ticket} was never issued or is already spent`);
    const id = this.ids[ticket]!;
    this.procs[ticket] = null;
    this.slots.release(ticket);
    return p.isWaitingOn(id) ? p : null;
  }
}
