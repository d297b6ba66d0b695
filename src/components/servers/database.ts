import type { Gauge } from '../../metrics/gauge.ts';
import type { Histogram } from '../../metrics/histogram.ts';
import type { ComponentEnv } from '../component-env.ts';
import { ProcessorSharing, type WorkOwner } from './processor-sharing.ts';

/** Whoever runs queries on a database; `token` tells its queries apart. */
export interface QueryRequester {
  queryDone(token: number): void;
}

export interface DatabaseOptions {
  /** Names the metrics `<name>_cpu_ratio`, `<name>_queries`, `<name>_query_s`. */
  readonly name: string;
  /** CPU cores; may be fractional. */
  readonly cores: number;
}

/**
 * A database server with finite CPU: `cores` cores shared by the running queries by
 * multi-server egalitarian processor sharing (`ProcessorSharing`). Each query needs `cpuS`
 * seconds of one core; with n queries running each progresses at rate min(1, cores / n), so
 * a query runs at full speed while n <= cores and every query slows down in proportion once
 * n exceeds them. CPU utilisation is min(n, cores) / cores (`<name>_cpu_ratio`).
 */
export class Database {
  /** min(running queries, cores) / cores. */
  readonly cpu: Gauge;
  /** Queries running. */
  readonly queries: Gauge;
  /** Time from a query's start to its completion, seconds. */
  readonly queryTime: Histogram;
  private readonly ps: ProcessorSharing;
  /** One channel per requester, found by a short search (requesters are few: one per component). */
  private readonly channels: QueryChannel[] = [];
  private lastCpu = 0;

  constructor(private readonly env: ComponentEnv, private readonly opts: DatabaseOptions) {
    if (!(opts.cores > 0 && Number.isFinite(opts.cores))) throw new RangeError(`${opts.name}: cores must be a positive number, got ${opts.cores}`);
    const m = env.metrics;
    this.cpu = m.gauge(`${opts.name}_cpu_ratio`);
    this.queries = m.gauge(`${opts.name}_queries`);
    this.queryTime = m.histogram(`${opts.name}_query_s`);
    this.ps = new ProcessorSharing(env.sim, opts.cores);
    this.ps.onChange = () => this.observe();
  }

  get cores(): number {
    return this.opts.cores;
  }

  /** Queries running now. */
  get active(): number {
    return this.ps.active;
  }

  /** Starts a query needing `cpuS` seconds of one core; `requester.queryDone(token)` when it ends. */
  query(requester: QueryRequester, token: number, cpuS: number): void {
    if (!(cpuS >= 0)) throw new RangeError(`${this.opts.name}: query work must be >= 0 s, got ${cpuS}`);
    // The work's owner is the requester's channel, made once, so a query allocates nothing
    // and its token passes through unchanged.
    this.ps.submit(this.channelOf(requester), token, cpuS);
  }

  /** A query ended: its time is recorded before its requester hears of it. */
  queryEnded(startedAtS: number): void {
    this.queryTime.record(this.env.sim.now - startedAtS);
  }

  private observe(): void {
    const n = this.ps.active;
    this.queries.set(n);
    const cpu = Math.min(n, this.opts.cores) / this.opts.cores;
    if (cpu !== this.lastCpu) {
      this.cpu.set(cpu);
      this.lastCpu = cpu;
    }
  }

  private channelOf(r: QueryRequester): QueryChannel {
    const channels = this.channels;
    for (let i = 0; i < channels.length; i++) if (channels[i]!.requester === r) return channels[i]!;
    const c = new QueryChannel(this, r);
    channels.push(c);
    return c;
  }
}

/** The owner of one requester's queries on the processor-sharing CPU. */
class QueryChannel implements WorkOwner {
  constructor(private readonly db: Database, readonly requester: QueryRequester) {}

  workDone(token: number, startedAtS: number): void {
    this.db.queryEnded(startedAtS);
    this.requester.queryDone(token);
  }
}
