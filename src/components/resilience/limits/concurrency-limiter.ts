import type { Counter } from '../../../metrics/counter.ts';
import type { Gauge } from '../../../metrics/gauge.ts';
import type { ComponentEnv } from '../../component-env.ts';
import { GenerationSlots } from '../../plumbing/generation-slots.ts';
import { grown } from '../../plumbing/grow.ts';
import { NO_REQUEST, Outcome, type ReplyListener, type RequestTarget } from '../requests/request-target.ts';
import type { ConcurrencyLimit } from './concurrency-limit.ts';

export interface ConcurrencyLimiterOptions {
  /**
   * Names the metrics `<name>_in_flight`, `<name>_limit` (gauges), `<name>_passed` and
   * `<name>_limited` (requests refused at once).
   */
  readonly name: string;
  /** Where admitted requests go. */
  readonly to: RequestTarget;
  /** How many may be in flight: `FixedLimit`, `AimdLimit`, `Gradient2Limit`. */
  readonly limit: ConcurrencyLimit;
}

/**
 * Admits a request while fewer than floor(limit) are in flight below it, and refuses the
 * rest at once (`Outcome.rejected`, a 503), as Netflix concurrency-limits' SimpleLimiter
 * does. Each request that ends (answered, or cancelled by its sender) is a sample for the
 * limit: its time in flight, the in-flight count it was admitted at, and whether it was
 * dropped (refused or shed below, or cancelled).
 *
 * It answers its senders itself, under its own generation-checked ids, so a request
 * cancelled here never has its late answer passed on.
 */
export class ConcurrencyLimiter implements RequestTarget, ReplyListener {
  readonly inFlightGauge: Gauge;
  readonly limitGauge: Gauge;
  readonly passed: Counter;
  readonly limited: Counter;
  private inFlight = 0;
  private readonly slots: GenerationSlots;
  private readonly senders: (ReplyListener | null)[] = [];
  private tokens = new Float64Array(64);
  private admittedAt = new Float64Array(64);
  private admittedWith = new Float64Array(64);
  private handles = new Float64Array(64);
  private lastLimit = NaN;

  constructor(private readonly env: ComponentEnv, private readonly opts: ConcurrencyLimiterOptions) {
    const m = env.metrics;
    this.inFlightGauge = m.gauge(`${opts.name}_in_flight`);
    this.limitGauge = m.gauge(`${opts.name}_limit`);
    this.passed = m.counter(`${opts.name}_passed`);
    this.limited = m.counter(`${opts.name}_limited`);
    this.slots = new GenerationSlots(64, (n) => {
      this.tokens = grown(this.tokens, n);
      this.admittedAt = grown(this.admittedAt, n);
      this.admittedWith = grown(this.admittedWith, n);
      this.handles = grown(this.handles, n);
    });
    this.observeLimit();
  }

  /** Requests in flight below the limiter now. */
  get active(): number {
    return this.inFlight;
  }

  get limit(): number {
    return this.opts.limit.limit;
  }

  send(from: ReplyListener, token: number): number {
    if (this.inFlight >= Math.floor(this.opts.limit.limit)) {
      this.limited.add();
      from.reply(token, Outcome.rejected);
      return NO_REQUEST;
    }
    this.passed.add();
    const slot = this.slots.alloc();
    if (slot === this.senders.length) this.senders.push(null);
    this.senders[slot] = from;
    this.tokens[slot] = token;
    this.admittedAt[slot] = this.env.sim.now;
    this.inFlight++;
    this.admittedWith[slot] = this.inFlight;
    this.inFlightGauge.set(this.inFlight);
    const id = this.slots.idOf(slot);
    this.handles[slot] = NO_REQUEST;
    const handle = this.opts.to.send(this, id);
    if (this.slots.slotOf(id) === slot) this.handles[slot] = handle;
    return id;
  }

  cancel(id: number): boolean {
    const slot = this.slots.slotOf(id);
    if (slot < 0) return false;
    this.opts.to.cancel(this.handles[slot]!);
    this.end(slot, true);
    return true;
  }

  reply(id: number, outcome: Outcome): void {
    const slot = this.slots.slotOf(id);
    if (slot < 0) return;
    const from = this.senders[slot]!;
    const token = this.tokens[slot]!;
    this.end(slot, outcome !== Outcome.ok);
    from.reply(token, outcome);
  }

  private end(slot: number, dropped: boolean): void {
    const now = this.env.sim.now;
    this.opts.limit.onSample(now - this.admittedAt[slot]!, this.admittedWith[slot]!, dropped, now);
    this.senders[slot] = null;
    this.slots.release(slot);
    this.inFlight--;
    this.inFlightGauge.set(this.inFlight);
    this.observeLimit();
  }

  private observeLimit(): void {
    const limit = this.opts.limit.limit;
    if (limit !== this.lastLimit) {
      this.limitGauge.set(limit);
      this.lastLimit = limit;
    }
  }
}
