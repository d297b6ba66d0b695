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
  /** CPU work of the query at the database, seconds of one core: one distribution, or one per job type index. */
  readonly cpu: Distribution | readonly Distribution[];
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
 * to its acquire timeout), runs one query on the database, keeps the connection for its
 * hold time, returns it and moves on. An API request and a background job are both this.
 * `jobs.startedAt` records when the connection was granted.
 */
export class PooledQuery implements JobSink, EventHandler, PoolRequester, QueryRequester {
  /** Settable after construction, for wiring in a cycle (a poller that must hear of completions). */
  done: JobSink;
  failed: JobSink;
  private readonly rng: Rng;
  private readonly cpu: readonly Distribution[];
  private readonly hold: readonly Distribution[];

  constructor(private readonly env: ComponentEnv, private readonly opts: PooledQueryOptions) {
    this.rng = env.sim.rng(opts.name);
    this.cpu = perType(opts.cpu);
    this.hold = opts.hold === undefined ? NO_HOLD : perType(opts.hold);
    const release = new ReleaseJob(env.jobs);
    this.done = opts.done ?? release;
    this.failed = opts.failed ?? release;
  }

  accept(job: number): void {
    this.opts.pool.acquire(this, job, this.opts.acquireTimeoutS);
  }

  granted(job: number): void {
    const jobs = this.env.jobs;
    jobs.startedAt[job] = this.env.sim.now;
    this.opts.db.query(this, job, pick(this.cpu, jobs.type[job]!).sample(this.rng));
  }

  timedOut(job: number): void {
    this.failed.accept(job);
  }

  queryDone(job: number): void {
    const holdS = this.hold.length > 0 ? pick(this.hold, this.env.jobs.type[job]!).sample(this.rng) : 0;
    if (holdS > 0) this.env.sim.schedule(holdS, this, HOLD_DONE, job);
    else this.handleEvent(HOLD_DONE, job);
  }

  handleEvent(_tag: number, job: number): void {
    this.opts.pool.release();
    this.done.accept(job);
  }
}

function perType(d: Distribution | readonly Distribution[]): readonly Distribution[] {
  return Array.isArray(d) ? (d as readonly Distribution[]) : [d as Distribution];
}

function pick(ds: readonly Distribution[], type: number): Distribution {
  return ds[type < ds.length ? type : 0]!;
}
