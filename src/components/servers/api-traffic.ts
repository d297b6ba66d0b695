import type { Distribution } from '../../kernel/distributions/distribution.ts';
import { Exponential } from '../../kernel/distributions/exponential.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Histogram } from '../../metrics/histogram.ts';
import { ArrivalProcess } from '../jobs/arrival-process.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { ConnectionPool } from './connection-pool.ts';
import type { Database } from './database.ts';
import type { JobSink } from '../jobs/job-sink.ts';
import { PooledQuery } from './pooled-query.ts';

export interface ApiTrafficOptions {
  /**
   * Names the metrics `<name>_arrivals`, `<name>_ok`, `<name>_errors` (503s), `<name>_slow`
   * and `<name>_latency_ms`, and the random streams `<name>` and `<name>_query`.
   */
  readonly name: string;
  /** Poisson arrival rate, requests per second. */
  readonly ratePerS: number;
  readonly pool: ConnectionPool;
  readonly db: Database;
  /** CPU work of each request's query at the database, seconds. */
  readonly queryCpu: Distribution;
  /** Time each request keeps its connection after the query (application code, network), seconds. */
  readonly appTime: Distribution;
  /** A request that waits this long for a connection is answered 503, seconds. */
  readonly acquireTimeoutS: number;
  /** A request answered (not 503) after this long counts in `<name>_slow`, seconds. @default Infinity */
  readonly slowS?: number;
}

/**
 * Web requests: Poisson arrivals, each holding a pooled connection while it runs one query
 * and its application code. A request that gets no connection within the acquire timeout
 * is answered 503 at that moment. `<name>_latency_ms` holds every response, 503s included
 * (as a load balancer measures it); `<name>_errors` counts the 503s.
 */
export class ApiTraffic {
  readonly arrivals: Counter;
  readonly ok: Counter;
  readonly errors: Counter;
  /** Requests answered, not refused, but slower than `slowS`. */
  readonly slow: Counter;
  readonly latency: Histogram;
  private readonly slowS: number;

  constructor(private readonly env: ComponentEnv, opts: ApiTrafficOptions) {
    const m = env.metrics;
    this.ok = m.counter(`${opts.name}_ok`);
    this.errors = m.counter(`${opts.name}_errors`);
    this.slow = m.counter(`${opts.name}_slow`);
    this.slowS = opts.slowS ?? Infinity;
    this.latency = m.histogram(`${opts.name}_latency_ms`);
    const served: JobSink = { accept: (job) => this.respond(job, this.ok) };
    const refused: JobSink = { accept: (job) => this.respond(job, this.errors) };
    const handler = new PooledQuery(env, {
      name: `${opts.name}_query`,
      pool: opts.pool,
      db: opts.db,
      cpu: opts.queryCpu,
      hold: opts.appTime,
      acquireTimeoutS: opts.acquireTimeoutS,
      done: served,
      failed: refused,
    });
    const source = new ArrivalProcess(env, { name: opts.name, interarrival: new Exponential(1 / opts.ratePerS), to: handler, type: opts.name });
    this.arrivals = source.arrivals;
  }

  /** Responses so far (served and refused). */
  get responses(): number {
    return this.ok.total + this.errors.total;
  }

  private respond(job: number, outcome: Counter): void {
    const { jobs, sim } = this.env;
    outcome.add();
    const s = sim.now - jobs.createdAt[job]!;
    if (s > this.slowS && outcome === this.ok) this.slow.add();
    this.latency.record(s * 1000);
    jobs.release(job);
  }
}
