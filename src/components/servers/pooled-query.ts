import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Distribution } from '../../kernel/distributions/distribution.ts';
import type { Rng } from '../../kernel/rng.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { ConnectionPool, PoolRequester } from './connection-pool.ts';
import type { Database, QueryRequester } from './database.ts';
import type { JobSink } from '../jobs/job-sink.ts';
import { ReleaseJob } from '../jobs/release-job.ts';

export interface PooledQueryOptions {
  /** Names the random stream. */
  readonly name: string;
  readonly pool: ConnectionPool;
  readonly db: Database;
  /**
   * CPU work at the database, seconds of one core, one distribution or one per job type index:
   * the whole unit's work, split evenly over its queries.
   */
  readonly cpu: Distribution | readonly Distribution[];
  /**
   * Queries the unit runs one after another, one number or one per job type index. Each query
   * borrows a connection and returns it when it ends (as an ORM does outside a transaction), so
   * between its queries a unit waits behind everyone who asked for a connection meanwhile.
   * @default 1
   */
  readonly queries?: number | readonly number[];
  /**
   * Time the connection stays held after the query, not using database CPU: application
   * code, network round trips, calls to other services inside the transaction. Seconds; one
   * distribution or one per job type index. @default none (released when the query ends)
   */
  readonly hold?: Distribution | readonly Distribution[];
  /** How long to wait for a connection before failing, seconds; Infinity waits as long as it takes. */
  readonly acquireTimeoutS: number;
  /** Where a job goes when its work is done. @default released from the job store */
  readonly done?: JobSink;
  /** Where a job goes when no connection came in time. @default released from the job store */
  readonly failed?: JobSink;
}

const HOLD_DONE = 1;
const NO_HOLD: readonly Distribution[] = [];

/**
 * A unit of work that needs a database connection: it borrows one from a pool (waiting up
 * to its acquire timeout), runs a query on the database, and, when it has more queries to
 * run, returns the connection and asks for one again; after its last query it keeps the
 * connection for its hold time, returns it and moves on. An API request and a background job
 * are both this. `jobs.startedAt` records when the first connection was granted.
 */
export class PooledQuery implements JobSink, EventHandler, PoolRequester, QueryRequester {
  /** Settable after construction, for wiring in a cycle (a poller that must hear of completions). */
  done: JobSink;
  failed: JobSink;
  private readonly rng: Rng;
  private readonly cpu: readonly Distribution[];
  private readonly hold: readonly Distribution[];
  private readonly queries: readonly number[];
  /** By job id: queries still to run after the current one, and the CPU work of each. */
  private queriesLeft = new Int32Array(64);
  private queryCpuS = new Float64Array(64);

  constructor(private readonly env: ComponentEnv, private readonly opts: PooledQueryOptions) {
    this.rng = env.sim.rng(opts.name);
    this.cpu = perType(opts.cpu);
    this.hold = opts.hold === undefined ? NO_HOLD : perType(opts.hold);
    this.queries = typeof opts.queries === 'number' ? [opts.queries] : [...(opts.queries ?? [1])];
    for (const q of this.queries) {
      if (!(Number.isInteger(q) && q >= 1)) throw new RangeError(`${opts.name}: queries must be whole numbers >= 1, got ${q}`);
    }
    const release = new ReleaseJob(env.jobs);
    this.done = opts.done ?? release;
    this.failed = opts.failed ?? release;
  }

  accept(job: number): void {
    this.opts.pool.acquire(this, job, this.opts.acquireTimeoutS);
  }

  granted(job: number): void {
    const jobs = this.env.jobs;
    if (job >= this.queriesLeft.length) this.grow(job);
    if (this.queriesLeft[job]! > 0) {
      // A later query of the same unit: its work was drawn with the first.
      this.queriesLeft[job]!--;
      this.opts.db.query(this, job, this.queryCpuS[job]!);
      return;
    }
    jobs.startedAt[job] = this.env.sim.now;
    const type = jobs.type[job]!;
    const cpuS = pick(this.cpu, type).sample(this.rng);
    const n = this.queries[type < this.queries.length ? type : 0]!;
    if (n === 1) {
      this.opts.db.query(this, job, cpuS);
      return;
    }
    this.queryCpuS[job] = cpuS / n;
    // Counted down as each later query is granted.
    this.queriesLeft[job] = n - 1;
    this.opts.db.query(this, job, cpuS / n);
  }

  timedOut(job: number): void {
    if (job < this.queriesLeft.length) this.queriesLeft[job] = 0;
    this.failed.accept(job);
  }

  queryDone(job: number): void {
    if (job < this.queriesLeft.length && this.queriesLeft[job]! > 0) {
      this.opts.pool.release();
      this.opts.pool.acquire(this, job, this.opts.acquireTimeoutS);
      return;
    }
    const holdS = this.hold.length > 0 ? pick(this.hold, this.env.jobs.type[job]!).sample(this.rng) : 0;
    if (holdS > 0) this.env.sim.post(holdS, this, HOLD_DONE, job);
    else this.handleEvent(HOLD_DONE, job);
  }

  handleEvent(_tag: number, job: number): void {
    this.opts.pool.release();
    this.done.accept(job);
  }

  private grow(job: number): void {
    let n = this.queriesLeft.length;
    while (n <= job) n *= 2;
    const left = new Int32Array(n);
    left.set(this.queriesLeft);
    this.queriesLeft = left;
    const cpu = new Float64Array(n);
    cpu.set(this.queryCpuS);
    this.queryCpuS = cpu;
  }
}

function perType(d: Distribution | readonly Distribution[]): readonly Distribution[] {
  return Array.isArray(d) ? (d as readonly Distribution[]) : [d as Distribution];
}

function pick(ds: readonly Distribution[], type: number): Distribution {
  return ds[type < ds.length ? type : 0]!;
}
