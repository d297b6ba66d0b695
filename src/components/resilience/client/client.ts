import type { EventHandler } from '../../../kernel/event-queue.ts';
import type { Counter } from '../../../metrics/counter.ts';
import type { Gauge } from '../../../metrics/gauge.ts';
import type { Histogram } from '../../../metrics/histogram.ts';
import type { ComponentEnv } from '../../component-env.ts';
import { GenerationSlots } from '../../plumbing/generation-slots.ts';
import { grown } from '../../plumbing/grow.ts';
import type { JobSink } from '../../jobs/job-sink.ts';
import { ReleaseJob } from '../../jobs/release-job.ts';
import { NO_REQUEST, Outcome, type ReplyListener, type RequestTarget } from '../requests/request-target.ts';
import { FailureClass } from '../retry/failure-class.ts';
import { NoRetry } from '../retry/no-retry.ts';
import { GiveUp, type RetryPolicy } from '../retry/retry-policy.ts';
import type { ClientThrottle } from '../throttling/client-throttle.ts';
import { NoThrottle } from '../throttling/no-throttle.ts';

export interface ClientOptions {
  /**
   * Names the metrics `<name>_requests`, `<name>_tries`, `<name>_retries`, `<name>_hedges`,
   * `<name>_succeeded`, `<name>_failed`, `<name>_timeouts`, `<name>_refused` (tries answered
   * with a refusal, a shed or an error), `<name>_throttled` (tries rejected locally),
   * `<name>_late_replies` (answers to tries already given up on: wasted work),
   * `<name>_gave_up_budget` (counts), `<name>_in_flight` (requests open) and
   * `<name>_latency_s` (first send to success).
   */
  readonly name: string;
  /** Where tries go: a service, or a limiter in front of one. */
  readonly to: RequestTarget;
  /** How long a try waits for its answer before the client gives up on it, seconds; Infinity waits as long as it takes. */
  readonly timeoutS: number;
  /** Whether and when a failed try (timed out, refused, shed) is tried again. @default NoRetry */
  readonly retry?: RetryPolicy;
  /**
   * Cancel the work of a try the client gave up on (it timed out, or another try of the
   * same request won). @default false: the work keeps running at the service, the usual and
   * dangerous case, and its answer arrives late and is thrown away.
   */
  readonly cancelAbandoned?: boolean;
  /** Send a second, parallel try when the first has had no answer for this long, seconds (hedged requests). @default Infinity (never) */
  readonly hedgeAfterS?: number;
  /** Consulted before every try. @default NoThrottle */
  readonly throttle?: ClientThrottle;
  /** Where a request's job goes when it succeeds. @default released from the job store */
  readonly done?: JobSink;
  /** Where a request's job goes when the client gives up on it. @default released from the job store */
  readonly failed?: JobSink;
}

const TIMEOUT = 0;
const HEDGE = 1;
const RETRY = 2;
const NONE = -1;

/**
 * A client that sends each request (a job it accepts) to a target and waits for the answer,
 * with a timeout per try, retries through a RetryPolicy, optional hedging, an optional
 * client-side throttle, and a choice of whether work it gives up on is cancelled.
 *
 * Tries are named by generation-checked ids (`GenerationSlots`): a try's id goes stale the
 * moment the client stops waiting for it, so a late answer to a timed-out try is counted
 * as a late reply and can never be taken for the answer to a newer try of the same request,
 * nor a stale timer end a newer try. Retries are numbered by the client (1 = the second
 * try), so they stop at the policy's limit with no counter for a model to keep.
 *
 * Requests come in two ways: as jobs (`accept(job)`, the job going to `done` or `failed`),
 * or sent by anything that speaks `RequestTarget` (`send(from, token)`, answered
 * `Outcome.ok` on success and `Outcome.error` when the client gives up). So a client is a
 * target itself: a process, or another client, can call through it and wait for the outcome.
 *
 * Conservation: requests = succeeded + failed + abandoned + in flight, at every instant
 * (`abandoned`: sent requests their sender cancelled).
 */
export class Client implements JobSink, RequestTarget, ReplyListener, EventHandler {
  readonly requests: Counter;
  readonly tries: Counter;
  readonly retries: Counter;
  readonly hedges: Counter;
  readonly succeeded: Counter;
  readonly failed: Counter;
  readonly timeouts: Counter;
  readonly refused: Counter;
  readonly throttled: Counter;
  readonly lateReplies: Counter;
  readonly gaveUpBudget: Counter;
  /** Requests their sender cancelled before they ended. */
  readonly abandoned: Counter;
  readonly inFlight: Gauge;
  readonly latency: Histogram;
  done: JobSink;
  failedSink: JobSink;
  private readonly to: RequestTarget;
  private readonly retry: RetryPolicy;
  private readonly throttle: ClientThrottle;
  private readonly timeoutS: number;
  private readonly hedgeAfterS: number;
  private readonly cancelAbandoned: boolean;
  // Requests, by slot.
  private readonly reqs: GenerationSlots;
  /** The request's job, or -1 for a request sent through `send`. */
  private reqJob = new Int32Array(64);
  /** Who sent a `send` request, and its token. */
  private readonly reqFrom: (ReplyListener | null)[] = [];
  private reqToken = new Float64Array(64);
  /** The pending retry's event, while the request waits to try again. */
  private reqRetryTimer = new Float64Array(64);
  private reqRetries = new Int32Array(64);
  private reqPrevDelay = new Float64Array(64);
  private reqStartedAt = new Float64Array(64);
  /** Tries of the request being waited for (at most two: a try and its hedge), as try ids. */
  private reqTryA = new Float64Array(64);
  private reqTryB = new Float64Array(64);
  // Tries, by slot.
  private readonly tryTable: GenerationSlots;
  private tryReq = new Int32Array(64);
  private tryHandle = new Float64Array(64);
  private tryTimer = new Float64Array(64);
  private tryHedgeTimer = new Float64Array(64);

  constructor(private readonly env: ComponentEnv, readonly opts: ClientOptions) {
    const { name } = opts;
    if (!(opts.timeoutS > 0)) throw new RangeError(`${name}: timeout must be > 0 s, got ${opts.timeoutS}`);
    const m = env.metrics;
    this.requests = m.counter(`${name}_requests`);
    this.tries = m.counter(`${name}_tries`);
    this.retries = m.counter(`${name}_retries`);
    this.hedges = m.counter(`${name}_hedges`);
    this.succeeded = m.counter(`${name}_succeeded`);
    this.failed = m.counter(`${name}_failed`);
    this.timeouts = m.counter(`${name}_timeouts`);
    this.refused = m.counter(`${name}_refused`);
    this.throttled = m.counter(`${name}_throttled`);
    this.lateReplies = m.counter(`${name}_late_replies`);
    this.gaveUpBudget = m.counter(`${name}_gave_up_budget`);
    this.abandoned = m.counter(`${name}_abandoned`);
    this.inFlight = m.gauge(`${name}_in_flight`);
    this.latency = m.histogram(`${name}_latency_s`);
    this.to = opts.to;
    this.retry = opts.retry ?? new NoRetry();
    this.throttle = opts.throttle ?? new NoThrottle();
    this.timeoutS = opts.timeoutS;
    this.hedgeAfterS = opts.hedgeAfterS ?? Infinity;
    if (!(this.hedgeAfterS > 0)) throw new RangeError(`${name}: hedgeAfterS must be > 0 s, got ${this.hedgeAfterS}`);
    this.cancelAbandoned = opts.cancelAbandoned ?? false;
    const release = new ReleaseJob(env.jobs);
    this.done = opts.done ?? release;
    this.failedSink = opts.failed ?? release;
    this.reqs = new GenerationSlots(64, (n) => {
      this.reqJob = grown(this.reqJob, n);
      this.reqToken = grown(this.reqToken, n);
      this.reqRetryTimer = grown(this.reqRetryTimer, n);
      this.reqRetries = grown(this.reqRetries, n);
      this.reqPrevDelay = grown(this.reqPrevDelay, n);
      this.reqStartedAt = grown(this.reqStartedAt, n);
      this.reqTryA = grown(this.reqTryA, n);
      this.reqTryB = grown(this.reqTryB, n);
    });
    this.tryTable = new GenerationSlots(64, (n) => {
      this.tryReq = grown(this.tryReq, n);
      this.tryHandle = grown(this.tryHandle, n);
      this.tryTimer = grown(this.tryTimer, n);
      this.tryHedgeTimer = grown(this.tryHedgeTimer, n);
    });
  }

  /** Requests open now (sent, neither succeeded nor given up). */
  get open(): number {
    return this.reqs.live;
  }

  /** Sends a new request for `job`; the job goes to `done` or `failed` when it ends. */
  accept(job: number): void {
    this.openRequest(job, null, 0);
  }

  /**
   * Sends a new request on behalf of `from`: `from.reply(token, Outcome.ok)` when a try
   * succeeds, `Outcome.error` when the client gives up (retries, budget or throttle). Returns
   * a handle for `cancel`.
   */
  send(from: ReplyListener, token: number): number {
    const r = this.openRequest(-1, from, token);
    return r < 0 ? NO_REQUEST : this.reqs.idOf(r);
  }

  /**
   * The sender gives up on a request: no reply will come. Its tries are abandoned (their work
   * cancelled if `cancelAbandoned`), a pending retry is dropped. False if it already ended.
   */
  cancel(handle: number): boolean {
    const r = this.reqs.slotOf(handle);
    if (r < 0 || this.reqFrom[r] === null) return false;
    this.abandon(r, this.reqTryA[r]!);
    this.abandon(r, this.reqTryB[r]!);
    if (this.reqRetryTimer[r]! >= 0) this.env.sim.cancel(this.reqRetryTimer[r]!);
    this.abandoned.add();
    this.reqFrom[r] = null;
    this.reqs.release(r);
    this.inFlight.set(this.reqs.live);
    return true;
  }

  /** Opens a request slot for a job or a sender and makes its first try; the slot, or -1 if it already ended. */
  private openRequest(job: number, from: ReplyListener | null, token: number): number {
    this.requests.add();
    const r = this.reqs.alloc();
    if (r === this.reqFrom.length) this.reqFrom.push(null);
    const id = this.reqs.idOf(r);
    this.reqJob[r] = job;
    this.reqFrom[r] = from;
    this.reqToken[r] = token;
    this.reqRetryTimer[r] = NONE;
    this.reqRetries[r] = 0;
    this.reqPrevDelay[r] = 0;
    this.reqStartedAt[r] = this.env.sim.now;
    this.reqTryA[r] = NONE;
    this.reqTryB[r] = NONE;
    this.inFlight.set(this.reqs.live);
    this.attempt(r);
    return this.reqs.slotOf(id);
  }

  reply(tryId: number, outcome: Outcome): void {
    const t = this.tryTable.slotOf(tryId);
    if (t < 0) {
      this.lateReplies.add();
      return;
    }
    const r = this.tryReq[t]!;
    this.endTry(r, t);
    if (outcome === Outcome.ok) {
      this.throttle.recordAccept(this.env.sim.now);
      this.retry.recordSuccess();
      this.succeed(r);
      return;
    }
    this.refused.add();
    if (this.waitingOn(r) === 0) this.tryAgain(r);
  }

  handleEvent(tag: number, id: number): void {
    switch (tag) {
      case TIMEOUT: {
        const t = this.tryTable.slotOf(id);
        if (t < 0) return;
        this.timeouts.add();
        const r = this.tryReq[t]!;
        const handle = this.tryHandle[t]!;
        this.tryTimer[t] = NONE;
        this.endTry(r, t);
        if (this.cancelAbandoned) this.to.cancel(handle);
        if (this.waitingOn(r) === 0) this.tryAgain(r);
        return;
      }
      case HEDGE: {
        const t = this.tryTable.slotOf(id);
        if (t < 0) return;
        this.tryHedgeTimer[t] = NONE;
        const r = this.tryReq[t]!;
        if (this.waitingOn(r) === 1) this.sendTry(r, true);
        return;
      }
      case RETRY: {
        const r = this.reqs.slotOf(id);
        if (r < 0) return;
        this.reqRetryTimer[r] = NONE;
        this.attempt(r);
        return;
      }
      default:
        throw new Error(`${this.opts.name}: unknown event tag ${tag}`);
    }
  }

  /**
   * A first try or a retry. A try the throttle refuses ends the request at once, unretried:
   * the client already judges its backend overloaded, and retrying would only draw again
   * (and, counted as more requests, keep the throttle shut).
   */
  private attempt(r: number): void {
    if (!this.sendTry(r, false)) this.finish(r, false);
  }

  /** Sends one try of request r; false if the throttle refused it. */
  private sendTry(r: number, hedge: boolean): boolean {
    const { sim } = this.env;
    if (!this.throttle.allows(sim.now)) {
      this.throttled.add();
      return false;
    }
    this.tries.add();
    if (hedge) this.hedges.add();
    else if (this.reqRetries[r]! > 0) this.retries.add();
    const t = this.tryTable.alloc();
    const id = this.tryTable.idOf(t);
    this.tryReq[t] = r;
    this.tryHandle[t] = NONE;
    this.tryTimer[t] = this.timeoutS < Infinity ? sim.schedule(this.timeoutS, this, TIMEOUT, id) : NONE;
    this.tryHedgeTimer[t] = !hedge && this.hedgeAfterS < this.timeoutS ? sim.schedule(this.hedgeAfterS, this, HEDGE, id) : NONE;
    if (this.reqTryA[r] === NONE) this.reqTryA[r] = id;
    else this.reqTryB[r] = id;
    // Everything is in place before the send: the answer may come before it returns.
    const handle = this.to.send(this, id);
    if (this.tryTable.slotOf(id) === t) this.tryHandle[t] = handle;
    return true;
  }

  /** Stops waiting for try t of request r: cancels its timers, frees its id. */
  private endTry(r: number, t: number): void {
    const id = this.tryTable.idOf(t);
    if (this.tryTimer[t]! >= 0) this.env.sim.cancel(this.tryTimer[t]!);
    if (this.tryHedgeTimer[t]! >= 0) this.env.sim.cancel(this.tryHedgeTimer[t]!);
    if (this.reqTryA[r] === id) this.reqTryA[r] = NONE;
    else if (this.reqTryB[r] === id) this.reqTryB[r] = NONE;
    this.tryTable.release(t);
  }

  private waitingOn(r: number): number {
    return (this.reqTryA[r] !== NONE ? 1 : 0) + (this.reqTryB[r] !== NONE ? 1 : 0);
  }

  /** The request's last try failed: retry after the policy's delay, or give up. */
  private tryAgain(r: number): void {
    const retry = ++this.reqRetries[r]!;
    const delayS = this.retry.retryDelayS(retry, FailureClass.transient, this.reqPrevDelay[r]!);
    if (delayS < 0) {
      if (delayS === GiveUp.budget) this.gaveUpBudget.add();
      this.finish(r, false);
      return;
    }
    this.reqPrevDelay[r] = delayS;
    this.reqRetryTimer[r] = this.env.sim.schedule(delayS, this, RETRY, this.reqs.idOf(r));
  }

  private succeed(r: number): void {
    // A hedge still out lost the race: stop waiting for it (and cancel its work if asked).
    this.abandon(r, this.reqTryA[r]!);
    this.abandon(r, this.reqTryB[r]!);
    this.latency.record(this.env.sim.now - this.reqStartedAt[r]!);
    this.finish(r, true);
  }

  private abandon(r: number, tryId: number): void {
    const t = this.tryTable.slotOf(tryId);
    if (t < 0) return;
    const handle = this.tryHandle[t]!;
    this.endTry(r, t);
    if (this.cancelAbandoned) this.to.cancel(handle);
  }

  private finish(r: number, ok: boolean): void {
    const job = this.reqJob[r]!;
    const from = this.reqFrom[r];
    const token = this.reqToken[r]!;
    this.reqFrom[r] = null;
    this.reqs.release(r);
    this.inFlight.set(this.reqs.live);
    if (ok) this.succeeded.add();
    else this.failed.add();
    // Last: the sender may send its next request from inside this call.
    if (from) from.reply(token, ok ? Outcome.ok : Outcome.error);
    else if (ok) this.done.accept(job);
    else this.failedSink.accept(job);
  }
}
