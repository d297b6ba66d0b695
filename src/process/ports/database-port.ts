import type { Database, QueryRequester } from '../../components/servers/database.ts';
import type { Process, Withdrawable } from '../process.ts';
import { Tickets } from '../tickets.ts';

const ports = new WeakMap<Database, DatabasePort>();

/**
 * Lets processes run queries on a `Database` through its requester interface. A query keeps
 * running (and keeps using CPU) if the process that started it stops waiting: like a real
 * database, the server does not know the client gave up.
 */
export class DatabasePort implements QueryRequester, Withdrawable {
  private readonly tickets = new Tickets();

  private constructor(private readonly db: Database) {}

  static of(db: Database): DatabasePort {
    let port = ports.get(db);
    if (port === undefined) {
      port = new DatabasePort(db);
      ports.set(db, port);
    }
    return port;
  }

  query(p: Process<unknown>, cpuS: number, timeoutS: number): void {
    const id = p.beginWait(timeoutS, false, this);
    if (p.settled) return;
    this.db.query(this, this.tickets.issue(p, id), cpuS);
  }

  queryDone(ticket: number): void {
    this.tickets.redeem(ticket)?.settle(true);
  }

  withdraw(): void {}
}
