import type { FailureClass } from '../components/resilience/retry/failure-class.ts';
import type { RetryPolicy } from '../components/resilience/retry/retry-policy.ts';
import { hold } from './commands/hold.ts';
import type { ProcessBody, Waiting } from './process.ts';

/** How one attempt ended: `true` for success, or the class of its failure. */
export type AttemptResult = true | FailureClass;

export interface RetryOutcome {
  /** True if an attempt succeeded. */
  readonly ok: boolean;
  /** Attempts made (1 = no retry). */
  readonly attempts: number;
  /** 0 on success; otherwise the policy's `GiveUp` code (exhausted, not retryable, budget). */
  readonly giveUp: number;
  /** Seconds spent waiting between attempts. */
  readonly backoffS: number;
}

/**
 * Runs `attempt` until it succeeds or `policy` gives up, waiting the policy's delay between
 * attempts: `const r = yield* retry(policy, (n) => callServer(n))`. The attempt count lives
 * here, not in the model, so the policy's limit holds whatever the attempt does; retry
 * number k (the (k+1)-th attempt) is asked for with `policy.retryDelayS(k, failure, prevDelay)`.
 */
export function* retry(policy: RetryPolicy, attempt: (n: number) => ProcessBody<AttemptResult>): Generator<Waiting, RetryOutcome, unknown> {
  let prevDelayS = 0;
  let backoffS = 0;
  for (let n = 1; ; n++) {
    const r = yield* attempt(n);
    if (r === true) {
      policy.recordSuccess();
      return { ok: true, attempts: n, giveUp: 0, backoffS };
    }
    const delayS = policy.retryDelayS(n, r, prevDelayS);
    if (delayS < 0) return { ok: false, attempts: n, giveUp: delayS, backoffS };
    prevDelayS = delayS;
    backoffS += delayS;
    yield* hold(delayS);
  }
}
