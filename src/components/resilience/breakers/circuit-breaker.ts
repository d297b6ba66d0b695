import type { Clock } from '../../../kernel/simulation.ts';
import type { Counter } from '../../../metrics/counter.ts';
import type { Gauge } from '../../../metrics/gauge.ts';
import type { ComponentEnv } from '../../component-env.ts';
import type { JobStore } from '../../jobs/job-store.ts';
import type { Breaker } from './breaker.ts';
import { covering } from '../../plumbing/grow.ts';

export interface CircuitBreakerOptions {
  /** Names the metrics `<name>_opens`, `<name>_rejected`, `<name>_open_types`. */
  readonly name: string;
  /** Consecutive failures of one type that open its circuit. @default 5 */
  readonly failureThreshold?: number;
  /** Seconds a circuit stays open before letting trial attempts through. @default 60 */
  readonly openS?: number;
  /** Trial attempts in flight at once while half-open. @default 1 */
  readonly halfOpenTrials?: number;
  /** Job type names guarded; other types always pass. @default every type */
  readonly types?: readonly string[];
}

const CLOSED = 0;
const OPEN = 1;
const HALF_OPEN = 2;

/**
 * One circuit per job type, in the classic three states (Nygard, "Release It!", ch. 5):
 * closed counts consecutive failures and opens at the threshold; open rejects every attempt
 * for `openS`; then half-open lets `halfOpenTrials` attempts through, closing on a success
 * and reopening on a failure. A failure of an attempt that started before the circuit opened
 * does not extend the open period.
 */
export class CircuitBreaker implements Breaker {
  readonly opens: Counter;
  readonly rejected: Counter;
  /** Job types whose circuit is open or half-open. */
  readonly openTypes: Gauge;
  private readonly clock: Clock;
  private readonly threshold: number;
  private readonly openS: number;
  private readonly trials: number;
  private readonly guarded: ((type: number) => boolean) | null;
  private state = new Uint8Array(8);
  private failures = new Int32Array(8);
  private inTrial = new Int32Array(8);
  private openedAt = new Float64Array(8);

  constructor(env: ComponentEnv, opts: CircuitBreakerOptions) {
    this.clock = env.sim;
    this.threshold = opts.failureThreshold ?? 5;
    this.openS = opts.openS ?? 60;
    this.trials = opts.halfOpenTrials ?? 1;
    if (!(this.threshold >= 1)) throw new RangeError(`${opts.name}: failureThreshold must be >= 1, got ${this.threshold}`);
    if (!(this.openS >= 0)) throw new RangeError(`${opts.name}: openS must be >= 0, got ${this.openS}`);
    if (!(this.trials >= 1)) throw new RangeError(`${opts.name}: halfOpenTrials must be >= 1, got ${this.trials}`);
    this.guarded = opts.types ? guardSet(env.jobs, opts.types) : null;
    this.opens = env.metrics.counter(`${opts.name}_opens`);
    this.rejected = env.metrics.counter(`${opts.name}_rejected`);
    this.openTypes = env.metrics.gauge(`${opts.name}_open_types`);
  }

  allow(type: number): boolean {
    if (type >= this.state.length) this.grow(type);
    const s = this.state[type]!;
    if (s === CLOSED) return true;
    if (s === OPEN) {
      if (this.clock.now - this.openedAt[type]! < this.openS) return this.reject();
      this.state[type] = HALF_OPEN;
      this.inTrial[type] = 0;
    }
    if (this.inTrial[type]! >= this.trials) return this.reject();
    this.inTrial[type]!++;
    return true;
  }

  onSuccess(type: number): void {
    if (type >= this.state.length) return;
    this.failures[type] = 0;
    if (this.state[type] === HALF_OPEN) {
      this.state[type] = CLOSED;
      this.openTypes.add(-1);
    }
  }

  onFailure(type: number): void {
    if (type >= this.state.length) this.grow(type);
    if (this.guarded !== null && !this.guarded(type)) return;
    const s = this.state[type]!;
    if (s === OPEN) return;
    if (s === HALF_OPEN) {
      this.trip(type);
      return;
    }
    if (++this.failures[type]! >= this.threshold) {
      this.openTypes.add(1);
      this.trip(type);
    }
  }

  /** 'closed', 'open' or 'half-open', for tests and probes. */
  stateOf(type: number): 'closed' | 'open' | 'half-open' {
    const s = type < this.state.length ? this.state[type]! : CLOSED;
    if (s === OPEN && this.clock.now - this.openedAt[type]! >= this.openS) return 'half-open';
    return s === CLOSED ? 'closed' : s === OPEN ? 'open' : 'half-open';
  }

  private trip(type: number): void {
    this.state[type] = OPEN;
    this.openedAt[type] = this.clock.now;
    this.failures[type] = 0;
    this.opens.add();
  }

  private reject(): boolean {
    this.rejected.add();
    return false;
  }

  private grow(type: number): void {
    this.state = covering(this.state, type);
    this.failures = covering(this.failures, type);
    this.inTrial = covering(this.inTrial, type);
    this.openedAt = covering(this.openedAt, type);
  }
}

function guardSet(jobs: JobStore, names: readonly string[]): (type: number) => boolean {
  const ids = new Set(names.map((n) => jobs.typeId(n)));
  return (type) => ids.has(type);
}
