import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { FailureSink } from './failure-sink.ts';
import type { JobSink } from '../jobs/job-sink.ts';
import type { FailureClass } from './retry/failure-class.ts';
import { GiveUp, type RetryPolicy } from './retry/retry-policy.ts';
import { covering } from '../plumbing/grow.ts';

export interface RedeliveryOptions {
  /** Names the metrics `<name>_retries`, `<name>_gave_up`, `<name>_pending`. */
  readonly name: string;
  /** When and how often to try again; `new NoRetry()` gives every failure up at once. */
  readonly policy: RetryPolicy;
  /** Where a retried job goes back to: the queue it came from. */
  readonly to: JobSink;
  /** Where a job goes when the policy gives up (attempts or budget exhausted): a DeadLetterQueue, or FailedJobs. */
  readonly giveUp: JobSink;
  /** Where a job goes whose failure the policy does not retry at all (a permanent error). @default giveUp */
  readonly notRetryable?: JobSink;
}

/**
 * Puts a failed or lost attempt's job back on its queue after the policy's delay (at-least-once
 * delivery, as brokers redeliver unacknowledged messages), or hands it to `giveUp` when the
 * policy says no. A job waiting out its delay is counted in `<name>_pending`: it is neither
 * queued nor running, but it is not lost either.
 */
export class Redelivery implements FailureSink, EventHandler {
  readonly retries: Counter;
  readonly gaveUp: Counter;
  readonly pending: Gauge;
  /** The delay chosen before each job's latest retry, by job id (decorrelated jitter grows from it). */
  private prevDelayS = new Float64Array(256);
  private readonly notRetryable: JobSink;

  constructor(private readonly env: ComponentEnv, private readonly opts: RedeliveryOptions) {
    this.notRetryable = opts.notRetryable ?? opts.giveUp;
    this.retries = env.metrics.counter(`${opts.name}_retries`);
    this.gaveUp = env.metrics.counter(`${opts.name}_gave_up`);
    this.pending = env.metrics.gauge(`${opts.name}_pending`);
  }

  attemptFailed(job: number, failure: FailureClass): void {
    // attempts[job] attempts have run, so this would be retry number attempts[job].
    const retry = this.env.jobs.attempts[job]!;
    if (job >= this.prevDelayS.length) this.grow(job);
    const prev = retry <= 1 ? 0 : this.prevDelayS[job]!;
    const delayS = this.opts.policy.retryDelayS(retry, failure, prev);
    if (delayS < 0) {
      this.gaveUp.add();
      if (delayS === GiveUp.notRetryable) this.notRetryable.accept(job);
      else this.opts.giveUp.accept(job);
      return;
    }
    this.prevDelayS[job] = delayS;
    this.retries.add();
    this.pending.add(1);
    this.env.sim.schedule(delayS, this, 0, job);
  }

  attemptSucceeded(): void {
    this.opts.policy.recordSuccess();
  }

  handleEvent(_tag: number, job: number): void {
    this.pending.add(-1);
    this.opts.to.accept(job);
  }

  private grow(job: number): void {
    this.prevDelayS = covering(this.prevDelayS, job);
  }
}
