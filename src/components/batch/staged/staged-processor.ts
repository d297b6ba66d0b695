import type { EventHandler } from '../../../kernel/event-queue.ts';
import type { Rng } from '../../../kernel/rng.ts';
import type { Counter } from '../../../metrics/counter.ts';
import type { Gauge } from '../../../metrics/gauge.ts';
import type { Histogram } from '../../../metrics/histogram.ts';
import type { ComponentEnv } from '../../component-env.ts';
import type { JobConsumer, JobQueue } from '../../jobs/job-queue.ts';
import type { JobSink } from '../../jobs/job-sink.ts';
import { IdleStack } from '../../plumbing/idle-stack.ts';
import { FailureClass } from '../../resilience/retry/failure-class.ts';
import { NoRetry } from '../../resilience/retry/no-retry.ts';
import { GiveUp, type RetryPolicy } from '../../resilience/retry/retry-policy.ts';
import type { ItemType } from './item-type.ts';
import type { StageSpec } from './stage-spec.ts';
import { covering } from '../../plumbing/grow.ts';

export interface StagedProcessorOptions {
  /** Names the random streams and every metric (`<name>_busy`, `<name>_retries`, ...). */
  readonly name: string;
  /** Workers processing items in parallel. */
  readonly workers: number;
  readonly queue: JobQueue;
  /** Stages every attempt runs in order; an attempt stops at the first stage that fails. */
  readonly stages: readonly StageSpec[];
  /** Every item type the queue may hold (job types by name), with its failure modes. */
  readonly types: readonly ItemType[];
  /** @default new NoRetry() */
  readonly retry?: RetryPolicy;
  /**
   * true: the worker sleeps through the backoff holding its item, as an inline retry loop
   * does (the incident's batch script); false: the item returns to the back of the queue
   * after the backoff and the worker takes the next one. @default true
   */
  readonly holdWorkerDuringBackoff?: boolean;
  /** Where succeeded items go; released from the job store when absent. */
  readonly done?: JobSink;
  /** Where finally failed items go; released from the job store when absent. */
  readonly failed?: JobSink;
}

const STAGE_DONE = 1;
const BACKOFF_DONE = 2;
const REQUEUE = 3;
const NOT_BAD = -1;

/**
 * Workers that take items from a queue and run each through stages (validation →
 * enrichment → persistence). A stage fails an attempt permanently when the item is bad
 * there (decided once per item from its type), or transiently by chance. A failed attempt
 * asks the retry policy; a retry starts again at the first stage (the item is the unit of
 * work, as a job is).
 *
 * Metrics, all prefixed `<name>_`: `busy` (workers holding an item), `in_backoff` (items
 * waiting to retry), `attempts`, `retries` (attempts after the first), `retry_successes`
 * (retries that succeeded), `succeeded`, `failed`, `items_<type>` and `failed_<type>`
 * (finished and failed items by type), `failed_stage_<stage>` (final failures by the stage
 * that failed), `<stage>_time_s` (seconds spent in each stage), `retry_work_s` (seconds of
 * stage work done by retries), `<stage>_retry_time_s` (of which in each stage), `backoff_wait_s` (seconds items spent waiting to retry),
 * `gave_up_not_retryable` / `gave_up_exhausted` / `gave_up_budget` (why final failures were
 * final), `item_time_s` (histogram: creation to finish).
 *
 * Invariant: items taken = succeeded + failed + in progress + in backoff.
 */
export class StagedProcessor implements EventHandler, JobConsumer {
  readonly busy: Gauge;
  readonly inBackoff: Gauge;
  readonly attempts: Counter;
  readonly retries: Counter;
  readonly retrySuccesses: Counter;
  readonly succeeded: Counter;
  readonly failed: Counter;
  readonly retryWork: Counter;
  readonly backoffWait: Counter;
  readonly gaveUpNotRetryable: Counter;
  readonly gaveUpExhausted: Counter;
  readonly gaveUpBudget: Counter;
  readonly itemTime: Histogram;
  /** By job type id; absent for types the processor was not told of. */
  readonly itemsByType: Counter[] = [];
  readonly failedByType: Counter[] = [];
  /** By stage index. */
  readonly failedByStage: Counter[];
  readonly stageTime: Counter[];
  /** By stage index: seconds of the stage's work done by retries. */
  readonly retryStageTime: Counter[];

  private readonly retry: RetryPolicy;
  private readonly hold: boolean;
  private readonly stages: readonly StageSpec[];
  private readonly transientRatio: Float64Array;
  private readonly durationRngs: Rng[];
  private readonly transientRngs: Rng[];
  private readonly badRng: Rng;
  /** By job type id: the stage its bad items fail at (NOT_BAD if none) and the bad share. */
  private readonly typeBadStage: Int32Array;
  private readonly typeBadRatio: Float64Array;
  private readonly jobOf: Int32Array;
  private readonly stageOf: Int32Array;
  /** The current stage's duration, or during a held backoff the backoff's length. */
  private readonly timeOf: Float64Array;
  private readonly idle: IdleStack;
  /** By job id: the stage the item is bad at, and the delay before its last retry. */
  private badStage = new Int32Array(1024);
  private prevDelay = new Float64Array(1024);

  constructor(private readonly env: ComponentEnv, private readonly opts: StagedProcessorOptions) {
    const { name, workers, stages, types } = opts;
    if (!(workers >= 1 && Number.isInteger(workers))) throw new RangeError(`${name}: workers must be a whole number >= 1, got ${workers}`);
    if (stages.length === 0) throw new RangeError(`${name}: needs at least one stage`);
    const m = env.metrics;
    this.busy = m.gauge(`${name}_busy`);
    this.inBackoff = m.gauge(`${name}_in_backoff`);
    this.attempts = m.counter(`${name}_attempts`);
    this.retries = m.counter(`${name}_retries`);
    this.retrySuccesses = m.counter(`${name}_retry_successes`);
    this.succeeded = m.counter(`${name}_succeeded`);
    this.failed = m.counter(`${name}_failed`);
    this.retryWork = m.counter(`${name}_retry_work_s`);
    this.backoffWait = m.counter(`${name}_backoff_wait_s`);
    this.gaveUpNotRetryable = m.counter(`${name}_gave_up_not_retryable`);
    this.gaveUpExhausted = m.counter(`${name}_gave_up_exhausted`);
    this.gaveUpBudget = m.counter(`${name}_gave_up_budget`);
    this.itemTime = m.histogram(`${name}_item_time_s`);
    this.stages = stages;
    this.stageTime = stages.map((s) => m.counter(`${name}_${s.name}_time_s`));
    this.retryStageTime = stages.map((s) => m.counter(`${name}_${s.name}_retry_time_s`));
    this.failedByStage = stages.map((s) => m.counter(`${name}_failed_stage_${s.name}`));
    this.transientRatio = Float64Array.from(stages, (s) => {
      const r = s.transientFailureRatio ?? 0;
      if (!(r >= 0 && r <= 1)) throw new RangeError(`${name}: stage ${s.name} transientFailureRatio must be in 0..1, got ${r}`);
      return r;
    });
    // A stream per stage and purpose, so one stage's draws do not shift another's.
    const rng = env.sim.rng(name);
    this.durationRngs = stages.map((s) => rng.child(`duration/${s.name}`));
    this.transientRngs = stages.map((s) => rng.child(`transient/${s.name}`));
    this.badRng = rng.child('permanent');

    const typeIds = types.map((t) => env.jobs.typeId(t.name));
    const nTypes = Math.max(0, ...typeIds) + 1;
    this.typeBadStage = new Int32Array(nTypes).fill(NOT_BAD);
    this.typeBadRatio = new Float64Array(nTypes);
    types.forEach((t, i) => {
      const id = typeIds[i]!;
      this.itemsByType[id] = m.counter(`${name}_items_${t.name}`);
      this.failedByType[id] = m.counter(`${name}_failed_${t.name}`);
      if (t.permanentFailure) {
        const s = stages.findIndex((st) => st.name === t.permanentFailure!.stage);
        if (s < 0) throw new RangeError(`${name}: item type ${t.name} fails at unknown stage '${t.permanentFailure.stage}'; stages: ${stages.map((st) => st.name).join(', ')}`);
        const ratio = t.permanentFailure.ratio ?? 1;
        if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`${name}: item type ${t.name} permanent failure ratio must be in 0..1, got ${ratio}`);
        this.typeBadStage[id] = s;
        this.typeBadRatio[id] = ratio;
      }
    });

    this.retry = opts.retry ?? new NoRetry();
    this.hold = opts.holdWorkerDuringBackoff ?? true;
    this.jobOf = new Int32Array(workers).fill(-1);
    this.stageOf = new Int32Array(workers);
    this.timeOf = new Float64Array(workers);
    this.idle = new IdleStack(workers);
    opts.queue.consumer = this;
  }

  jobAvailable(): void {
    const queue = this.opts.queue;
    while (this.idle.count > 0 && queue.length > 0) this.startAttempt(this.idle.pop(), queue.take());
  }

  handleEvent(tag: number, arg: number): void {
    if (tag === STAGE_DONE) this.stageDone(arg);
    else if (tag === BACKOFF_DONE) this.backoffDone(arg);
    else if (tag === REQUEUE) this.requeue(arg);
  }

  private startAttempt(worker: number, job: number): void {
    const jobs = this.env.jobs;
    if (jobs.attempts[job] === 0) this.firstSeen(job);
    const attempt = ++jobs.attempts[job]!;
    this.attempts.add();
    if (attempt > 1) this.retries.add();
    else jobs.startedAt[job] = this.env.sim.now;
    this.jobOf[worker] = job;
    this.busy.set(this.opts.workers - this.idle.count);
    this.stageOf[worker] = 0;
    this.startStage(worker);
  }

  private firstSeen(job: number): void {
    if (job >= this.badStage.length) this.grow(job + 1);
    const type = this.env.jobs.type[job]!;
    const stage = type < this.typeBadStage.length ? this.typeBadStage[type]! : NOT_BAD;
    const ratio = stage === NOT_BAD ? 0 : this.typeBadRatio[type]!;
    // Draw only when it is a real chance, so types that are always or never bad take no numbers.
    const bad = ratio >= 1 || (ratio > 0 && this.badRng.next() < ratio);
    this.badStage[job] = bad ? stage : NOT_BAD;
    this.prevDelay[job] = 0;
  }

  private startStage(worker: number): void {
    const s = this.stageOf[worker]!;
    const d = this.stages[s]!.duration.sample(this.durationRngs[s]!);
    this.timeOf[worker] = d;
    this.env.sim.schedule(d, this, STAGE_DONE, worker);
  }

  private stageDone(worker: number): void {
    const job = this.jobOf[worker]!;
    const s = this.stageOf[worker]!;
    const d = this.timeOf[worker]!;
    this.stageTime[s]!.add(d);
    if (this.env.jobs.attempts[job]! > 1) {
      this.retryWork.add(d);
      this.retryStageTime[s]!.add(d);
    }
    if (this.badStage[job] === s) return this.attemptFailed(worker, job, s, FailureClass.permanent);
    const p = this.transientRatio[s]!;
    if (p > 0 && this.transientRngs[s]!.next() < p) return this.attemptFailed(worker, job, s, FailureClass.transient);
    if (s + 1 < this.stages.length) {
      this.stageOf[worker] = s + 1;
      this.startStage(worker);
      return;
    }
    this.retry.recordSuccess();
    this.succeeded.add();
    if (this.env.jobs.attempts[job]! > 1) this.retrySuccesses.add();
    this.finish(job);
    this.freeWorker(worker);
    const done = this.opts.done;
    if (done) done.accept(job);
    else this.env.jobs.release(job);
  }

  private attemptFailed(worker: number, job: number, stage: number, failure: FailureClass): void {
    const jobs = this.env.jobs;
    const delay = this.retry.retryDelayS(jobs.attempts[job]!, failure, this.prevDelay[job]!);
    if (delay >= 0) {
      this.prevDelay[job] = delay;
      this.inBackoff.add(1);
      if (this.hold) {
        this.timeOf[worker] = delay;
        this.env.sim.schedule(delay, this, BACKOFF_DONE, worker);
      } else {
        this.freeWorker(worker);
        this.env.sim.schedule(delay, this, REQUEUE, job);
      }
      return;
    }
    if (delay === GiveUp.notRetryable) this.gaveUpNotRetryable.add();
    else if (delay === GiveUp.budget) this.gaveUpBudget.add();
    else this.gaveUpExhausted.add();
    this.failed.add();
    this.failedByType[jobs.type[job]!]?.add();
    this.failedByStage[stage]!.add();
    this.finish(job);
    this.freeWorker(worker);
    const failed = this.opts.failed;
    if (failed) failed.accept(job);
    else jobs.release(job);
  }

  private backoffDone(worker: number): void {
    this.backoffWait.add(this.timeOf[worker]!);
    this.inBackoff.add(-1);
    // The worker never let go: the retry starts at once, ahead of queued items.
    this.startAttempt(worker, this.jobOf[worker]!);
  }

  private requeue(job: number): void {
    this.backoffWait.add(this.prevDelay[job]!);
    this.inBackoff.add(-1);
    this.opts.queue.accept(job);
  }

  private finish(job: number): void {
    const jobs = this.env.jobs;
    this.itemsByType[jobs.type[job]!]?.add();
    this.itemTime.record(this.env.sim.now - jobs.createdAt[job]!);
  }

  private freeWorker(worker: number): void {
    this.jobOf[worker] = -1;
    const next = this.opts.queue.take();
    if (next >= 0) this.startAttempt(worker, next);
    else {
      this.idle.push(worker);
      this.busy.set(this.opts.workers - this.idle.count);
    }
  }

  private grow(n: number): void {
    this.badStage = covering(this.badStage, n - 1);
    this.prevDelay = covering(this.prevDelay, n - 1);
  }
}
