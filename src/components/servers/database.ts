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
export class Database implements WorkOwner {
  /** min(running queries, cores) / cores. */
  readonly cpu: Gauge;
  /** Queries running. */
  readonly queries: Gauge;
  /** Time from a query's start to its completion, seconds. */
  readonly queryTime: Histogram;
  private readonly ps: ProcessorSharing;
  private readonly requesters: (QueryRequester | null)[] = [];
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
    // The requester rides in a table indexed by the work's token, so a query allocates nothing.
    const slot = this.requesterSlot(requester);
    this.ps.start(this, slot * TOKEN_SPAN + token, cpuS);
  }

  workDone(packed: number, startedAtS: number): void {
    const slot = Math.floor(packed / TOKEN_SPAN);
    const token = packed - slot * TOKEN_SPAN;
    this.queryTime.record(this.env.sim.now - startedAtS);
    this.requesters[slot]!.queryDone(token);
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

  /** Index of a requester in the table; requesters are few (one per component). */
  private requesterSlot(r: QueryRequester): number {
    for (let i = 0; i < this.requesters.length; i++) if (this.requesters[i] === r) return i;
    this.requesters.push(r);
    return this.requesters.length - 1;
  }
}

/** Tokens (job ids) stay below 2^32; requester index times this plus the token fits a float64 exactly. */
const TOKEN_SPAN = 2 ** 32;
