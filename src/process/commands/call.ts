import type { Outcome, RequestTarget } from '../../components/resilience/requests/request-target.ts';
import { Command } from '../command.ts';
import { argumentError } from '../model-location.ts';
import { TargetPort } from '../ports/target-port.ts';
import type { Process } from '../process.ts';
import { timeoutOf, type WaitOptions } from './options.ts';

/** Options of `call`. */
export interface CallOptions extends WaitOptions {
  /**
   * When the process stops waiting (its timeout, an interrupt), cancel the request at the
   * target: a `Client` abandons its tries, a `Service` stops the work. @default false (the
   * request keeps running; its answer is dropped)
   */
  readonly cancel?: boolean;
}

class Call extends Command<Outcome | null> {
  constructor(
    private readonly target: RequestTarget,
    private readonly timeoutS: number,
    private readonly cancel: boolean,
  ) {
    super();
  }

  protected begin(p: Process<unknown>): void {
    TargetPort.of(this.target).call(p, this.timeoutS, this.cancel);
  }

  protected describe(): string {
    return 'call(...)';
  }
}

/**
 * Sends a request to `target` (a `Client`, a `Service`, a `RateLimiter` or
 * `ConcurrencyLimiter`) and waits for its outcome: `Outcome.ok`, `Outcome.rejected` (refused
 * at once), `Outcome.shed`, or `Outcome.error` (a client that gave up after its retries);
 * null if `timeoutS` passed first. Through a `Client`, the client's own timeouts, retries,
 * budget and throttle apply, and the process hears only the final outcome.
 */
export function call(target: RequestTarget, opts?: CallOptions): Command<Outcome | null> {
  if (typeof target !== 'object' || target === null || typeof target.send !== 'function' || typeof target.cancel !== 'function') {
    throw argumentError(`call(...): expected a request target (a Client, a Service, a limiter), got ${String(target)}`);
  }
  return new Call(target, timeoutOf(opts, 'call'), opts?.cancel ?? false);
}
