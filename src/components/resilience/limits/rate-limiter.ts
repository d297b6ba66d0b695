import type { Counter } from '../../../metrics/counter.ts';
import type { ComponentEnv } from '../../component-env.ts';
import { NO_REQUEST, Outcome, type ReplyListener, type RequestTarget } from '../requests/request-target.ts';

export interface RateLimiterOptions {
  /** Names the metrics `<name>_passed` and `<name>_rate_limited` (requests answered 429). */
  readonly name: string;
  /** Where admitted requests go. */
  readonly to: RequestTarget;
  /** Tokens added per second: the sustained rate let through. */
  readonly ratePerS: number;
  /** Bucket size: the burst let through at once after a quiet spell. @default ratePerS (one second's worth), at least 1 */
  readonly burst?: number;
}

/**
 * A rate limit as a refilling token bucket: the bucket holds up to `burst` tokens and gains
 * `ratePerS` a second; a request takes one token and goes on, or finds less than one and is
 * answered `Outcome.rejected` (a 429) at once, before `send` returns. Refilling is computed
 * from the elapsed time at each request, so the limiter schedules no events.
 */
export class RateLimiter implements RequestTarget {
  readonly passed: Counter;
  readonly limited: Counter;
  readonly ratePerS: number;
  readonly burst: number;
  private tokens: number;
  private lastS = 0;

  constructor(private readonly env: ComponentEnv, private readonly opts: RateLimiterOptions) {
    if (!(opts.ratePerS >= 0 && Number.isFinite(opts.ratePerS))) throw new RangeError(`${opts.name}: rate must be a number >= 0 per second, got ${opts.ratePerS}`);
    this.ratePerS = opts.ratePerS;
    this.burst = opts.burst ?? Math.max(1, opts.ratePerS);
    if (!(this.burst >= 1)) throw new RangeError(`${opts.name}: burst must be >= 1 token, got ${this.burst}`);
    this.tokens = this.burst;
    this.passed = env.metrics.counter(`${opts.name}_passed`);
    this.limited = env.metrics.counter(`${opts.name}_rate_limited`);
  }

  /** Tokens in the bucket now. */
  available(): number {
    const now = this.env.sim.now;
    this.tokens = Math.min(this.burst, this.tokens + (now - this.lastS) * this.ratePerS);
    this.lastS = now;
    return this.tokens;
  }

  send(from: ReplyListener, token: number): number {
    if (this.available() < 1) {
      this.limited.add();
      from.reply(token, Outcome.rejected);
      return NO_REQUEST;
    }
    this.tokens -= 1;
    this.passed.add();
    return this.opts.to.send(from, token);
  }

  cancel(handle: number): boolean {
    return this.opts.to.cancel(handle);
  }
}
