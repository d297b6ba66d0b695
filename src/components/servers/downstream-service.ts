import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Distribution } from '../../kernel/distributions/distribution.ts';
import type { Rng } from '../../kernel/rng.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { Histogram } from '../../metrics/histogram.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { Idempotency } from '../resilience/idempotency/idempotency.ts';
import { NoIdempotency } from '../resilience/idempotency/no-idempotency.ts';
import { JobQueue } from '../jobs/job-queue.ts';
import { IdleStack } from '../plumbing/idle-stack.ts';

/** Told how each request ended. The caller owns the job id again from this call on. */
export interface DownstreamCaller {
  downstreamResponse(job: number, ok: boolean): void;
}

/** What a request does when it commits (moves money, sends a mail), keyed by the request's key. */
export interface SideEffectSink {
  apply(key: number): void;
}

export interface DownstreamServiceOptions {
  /**
   * Names the random stream and the metrics `<name>_memory_mb`, `<name>_crashes`,
   * `<name>_restarts`, `<name>_requests`, `<name>_errors`, `<name>_latency_s`,
   * `<name>_in_flight`, `<name>_commits`, `<name>_idempotent_replays`, `<name>_queue_depth`.
   */
  readonly name: string;
  /** Time to serve one request, seconds. */
  readonly latency: Distribution;
  /** Requests served at once; the rest wait in the service's own FIFO queue. */
  readonly concurrency: number;
  /** Requests allowed to wait; beyond it a request is rejected with an error. @default Infinity */
  readonly queueLimit?: number;
  /** Memory of a freshly started process, MB. @default 0 */
  readonly baselineMemoryMb?: number;
  /** Memory retained for good by every request served (a leak), MB. @default 0 */
  readonly leakPerRequestMb?: number;
  /** The process is killed (OOM) when its memory reaches this, MB. @default Infinity */
  readonly memoryLimitMb?: number;
  /** Down time of a crash or a planned restart, seconds. @default 0 */
  readonly restartS?: number;
  /**
   * Planned restart when memory reaches this, MB: the service stops starting requests (new
   * ones wait in its queue, as behind a supervisor that holds the listening socket), lets the
   * ones in flight finish, restarts, then serves the queue. No request fails. @default Infinity (never)
   */
  readonly restartAtMb?: number;
  /** Mean time between crashes unrelated to memory (a node dying), seconds. @default Infinity (never) */
  readonly crashMtbfS?: number;
  /** Time for a request to a crashed process to fail (connection refused), seconds. @default 0 */
  readonly errorLatencyS?: number;
  /**
   * How far into its service time a request's side effect commits (0..1). A crash after that
   * point kills a request whose effect already happened: the caller sees an error, the money
   * has moved. @default 1 (commits as it responds)
   */
  readonly commitAtRatio?: number;
  /** Deduplicates side effects by key. @default NoIdempotency (every commit applies) */
  readonly idempotency?: Idempotency;
  /** Where committed side effects go. @default none */
  readonly effects?: SideEffectSink;
}

const DONE = 0;
const FAIL = 1;
const UP = 2;
const RANDOM_CRASH = 3;

const RUNNING = 0;
/** Planned restart pending: in-flight requests finish, new ones wait. */
const DRAINING = 1;
/** Planned restart under way: requests wait. */
const RESTARTING = 2;
/** Crashed and restarting: requests fail. */
const CRASHED = 3;

const NO_EFFECTS: SideEffectSink = { apply() {} };

/**
 * A service other services call: bounded concurrency, its own latency, memory that can leak
 * per request until the process is killed at its limit, a restart time, and side effects that
 * an idempotency guard may deduplicate. A request's id is the caller's job id; the job's
 * `data` field is its idempotency key (a user id, say). Every request gets exactly one
 * response through `caller.downstreamResponse`.
 */
export class DownstreamService implements EventHandler {
  /** Receives responses; set it before the first request. */
  caller: DownstreamCaller;
  readonly memory: Gauge;
  readonly inFlight: Gauge;
  readonly crashes: Counter;
  /** Planned restarts (memory threshold). */
  readonly restarts: Counter;
  readonly requests: Counter;
  readonly errors: Counter;
  readonly commits: Counter;
  /** Commits the idempotency guard turned into no-ops. */
  readonly replays: Counter;
  readonly latency: Histogram;
  private readonly queue: JobQueue;
  private readonly rng: Rng;
  private readonly crashRng: Rng;
  private readonly idempotency: Idempotency;
  private readonly effects: SideEffectSink;
  private readonly jobOf: Int32Array;
  private readonly startedAt: Float64Array;
  private readonly serviceS: Float64Array;
  private readonly handles: Float64Array;
  /** Free request slots; the lowest-numbered slot is used first. */
  private readonly free: IdleStack;
  private state = RUNNING;
  private readonly baselineMb: number;
  private readonly leakMb: number;
  private readonly limitMb: number;
  private readonly restartAtMb: number;
  private readonly restartS: number;
  private readonly errorLatencyS: number;
  private readonly commitAtRatio: number;
  private readonly queueLimit: number;
  private readonly crashMtbfS: number;

  constructor(private readonly env: ComponentEnv, readonly opts: DownstreamServiceOptions) {
    const { name } = opts;
    if (!(opts.concurrency >= 1 && Number.isInteger(opts.concurrency))) throw new RangeError(`${name}: concurrency must be a whole number >= 1, got ${opts.concurrency}`);
    const m = env.metrics;
    this.memory = m.gauge(`${name}_memory_mb`);
    this.inFlight = m.gauge(`${name}_in_flight`);
    this.crashes = m.counter(`${name}_crashes`);
    this.restarts = m.counter(`${name}_restarts`);
    this.requests = m.counter(`${name}_requests`);
    this.errors = m.counter(`${name}_errors`);
    this.commits = m.counter(`${name}_commits`);
    this.replays = m.counter(`${name}_idempotent_replays`);
    this.latency = m.histogram(`${name}_latency_s`);
    this.queue = new JobQueue(env, `${name}_queue`);
    this.rng = env.sim.rng(name);
    this.crashRng = this.rng.child('crashes');
    this.idempotency = opts.idempotency ?? new NoIdempotency();
    this.effects = opts.effects ?? NO_EFFECTS;
    this.caller = { downstreamResponse: (job) => env.jobs.release(job) };
    const c = opts.concurrency;
    this.jobOf = new Int32Array(c).fill(-1);
    this.startedAt = new Float64Array(c);
    this.serviceS = new Float64Array(c);
    this.handles = new Float64Array(c);
    this.free = new IdleStack(c);
    this.baselineMb = opts.baselineMemoryMb ?? 0;
    this.leakMb = opts.leakPerRequestMb ?? 0;
    this.limitMb = opts.memoryLimitMb ?? Infinity;
    this.restartAtMb = opts.restartAtMb ?? Infinity;
    this.restartS = opts.restartS ?? 0;
    this.errorLatencyS = opts.errorLatencyS ?? 0;
    this.commitAtRatio = opts.commitAtRatio ?? 1;
    this.queueLimit = opts.queueLimit ?? Infinity;
    this.crashMtbfS = opts.crashMtbfS ?? Infinity;
    if (!(this.commitAtRatio >= 0 && this.commitAtRatio <= 1)) throw new RangeError(`${name}: commitAtRatio must be in 0..1, got ${this.commitAtRatio}`);
    this.memory.set(this.baselineMb);
    if (Number.isFinite(this.crashMtbfS)) env.sim.schedule(this.crashRng.exponential(this.crashMtbfS), this, RANDOM_CRASH);
  }

  /** True while crashed: requests fail fast. */
  get down(): boolean {
    return this.state === CRASHED;
  }

  /** Sends a request; its response comes later through `caller`. */
  request(job: number): void {
    this.requests.add();
    this.env.jobs.enqueuedAt[job] = this.env.sim.now;
    if (this.state === CRASHED) this.env.sim.schedule(this.errorLatencyS, this, FAIL, job);
    else if (this.state === RUNNING && this.free.count > 0 && this.queue.length === 0) this.start(job);
    else if (this.queue.length >= this.queueLimit) this.env.sim.schedule(0, this, FAIL, job);
    else this.queue.accept(job);
  }

  /**
   * Kills the process now (OOM, a node failure): requests in flight or waiting fail, and
   * those past their commit point have already applied their side effect.
   */
  crash(): void {
    if (this.state === CRASHED || this.state === RESTARTING) return;
    const { sim } = this.env;
    this.crashes.add();
    for (let slot = 0; slot < this.jobOf.length; slot++) {
      const job = this.jobOf[slot]!;
      if (job < 0) continue;
      sim.cancel(this.handles[slot]!);
      if (sim.now - this.startedAt[slot]! >= this.commitAtRatio * this.serviceS[slot]!) this.commit(job);
      this.jobOf[slot] = -1;
      this.free.push(slot);
      sim.schedule(0, this, FAIL, job);
    }
    for (let job = this.queue.take(); job >= 0; job = this.queue.take()) sim.schedule(0, this, FAIL, job);
    this.inFlight.set(0);
    this.memory.set(0);
    this.state = CRASHED;
    sim.schedule(this.restartS, this, UP);
  }

  handleEvent(tag: number, arg: number): void {
    switch (tag) {
      case DONE:
        this.finish(arg);
        break;
      case FAIL:
        this.errors.add();
        this.latency.record(this.env.sim.now - this.env.jobs.enqueuedAt[arg]!);
        this.caller.downstreamResponse(arg, false);
        break;
      case UP:
        this.state = RUNNING;
        this.memory.set(this.baselineMb);
        this.startWaiting();
        break;
      case RANDOM_CRASH:
        this.crash();
        this.env.sim.schedule(this.crashRng.exponential(this.crashMtbfS), this, RANDOM_CRASH);
        break;
    }
  }

  private start(job: number): void {
    const { sim, jobs } = this.env;
    const slot = this.free.pop();
    const service = this.opts.latency.sample(this.rng);
    this.jobOf[slot] = job;
    this.startedAt[slot] = sim.now;
    this.serviceS[slot] = service;
    jobs.startedAt[job] = sim.now;
    this.handles[slot] = sim.schedule(service, this, DONE, slot);
    this.inFlight.set(this.jobOf.length - this.free.count);
    this.memory.add(this.leakMb);
    if (this.memory.value >= this.limitMb) this.crash();
    else if (this.memory.value >= this.restartAtMb && this.state === RUNNING) this.state = DRAINING;
  }

  private finish(slot: number): void {
    const job = this.jobOf[slot]!;
    this.jobOf[slot] = -1;
    this.free.push(slot);
    this.inFlight.set(this.jobOf.length - this.free.count);
    this.commit(job);
    this.latency.record(this.env.sim.now - this.env.jobs.enqueuedAt[job]!);
    if (this.state === RUNNING) this.startWaiting();
    else if (this.state === DRAINING && this.free.count === this.jobOf.length) this.plannedRestart();
    // Last: the caller may send its next request from inside this call.
    this.caller.downstreamResponse(job, true);
  }

  private startWaiting(): void {
    while (this.state === RUNNING && this.free.count > 0 && this.queue.length > 0) this.start(this.queue.take());
  }

  private plannedRestart(): void {
    this.restarts.add();
    this.state = RESTARTING;
    this.memory.set(0);
    this.env.sim.schedule(this.restartS, this, UP);
  }

  private commit(job: number): void {
    const key = this.env.jobs.data[job]!;
    if (this.idempotency.claim(key)) {
      this.commits.add();
      this.effects.apply(key);
    } else this.replays.add();
  }
}
