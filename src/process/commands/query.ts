import { Database } from '../../components/servers/database.ts';
import { Command } from '../command.ts';
import { argumentError } from '../model-location.ts';
import { DatabasePort } from '../ports/database-port.ts';
import type { Process } from '../process.ts';
import { timeoutOf, type WaitOptions } from './options.ts';

class Query extends Command<boolean> {
  constructor(
    private readonly db: Database,
    private readonly cpuS: number,
    private readonly timeoutS: number,
  ) {
    super();
  }

  protected begin(p: Process<unknown>): void {
    DatabasePort.of(this.db).query(p, this.cpuS, this.timeoutS);
  }

  protected describe(): string {
    return 'query(...)';
  }
}

/**
 * Runs a query needing `cpuS` seconds of one core on a `Database` (processor sharing across
 * its cores) and waits for it: true when it finished, false if `timeoutS` passed first. A
 * query the process stopped waiting for keeps running on the database.
 */
export function query(db: Database, cpuS: number, opts?: WaitOptions): Command<boolean> {
  if (!(db instanceof Database)) throw argumentError(`query(...): expected a Database, got ${String(db)}`);
  if (!(cpuS >= 0 && cpuS < Infinity)) throw argumentError(`query(db, ${cpuS}): query work must be a finite number of seconds >= 0`);
  return new Query(db, cpuS, timeoutOf(opts, 'query'));
}
