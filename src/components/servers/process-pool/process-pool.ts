import type { EventHandler } from '../../../kernel/event-queue.ts';
import type { Distribution } from '../../../kernel/distributions/distribution.ts';
import type { Rng } from '../../../kernel/rng.ts';
import type { Counter } from '../../../metrics/counter.ts';
import type { Gauge } from '../../../metrics/gauge.ts';
import type { Histogram } from '../../../metrics/histogram.ts';
import type { Breaker } from '../../resilience/breakers/breaker.ts';
import { NoBreaker } from '../../resilience/breakers/no-breaker.ts';
import type { ComponentEnv } from '../../component-env.ts';
import { FailedJobs } from '../../resilience/failed-jobs.ts';
import type { FailureSink } from '../../resilience/failure-sink.ts';
import type { JobConsumer } from '../../jobs/job-queue.ts';
import type { JobSink } from '../../jobs/job-sink.ts';
import { IdleStack } from '../../plumbing/idle-stack.ts';
import type { ProcessPoolOptions } from './process-pool-options.ts';
import { ProcessState, ProcessTable } from './process-table.ts';
import { FailureClass } from '../../resilience/retry/failure-class.ts';

const DONE = 1;
const TIMEOUT = 2;
const BOOTED = 3;
const { idle: IDLE, busy: BUSY, booting: BOOTING, zombie: ZOMBIE, dead: DEAD } = ProcessState;

/**
 * Worker processes taking jobs from a queue, with what the plain WorkerPool leaves out: a
 * lifecycle (boot, hang, die, be disowned as a zombie), per-process memory (base + per-job +
 * leak), job timeouts that report or kill, heartbeats, a breaker per job type, and a failure
 * sink that owns failed and lost attempts.
 *
 * Invariant: every job the pool took is, at any moment, held by exactly one busy worker or
 * has been handed to `next`, `failures` or `rejected`. A zombie holds memory and perhaps a
 * hung execution, never a job: when a worker is disowned its job is given up for lost.
 */
export class ProcessPool implements EventHandler, JobConsumer {
  /** Processes the pool counts as its workers (booting, idle, busy): what a dashboard shows. */
  readonly workersGauge: Gauge;
  /** Live OS processes: workers and zombies. */
  readonly processes: Gauge;
  readonly zombies: Gauge;
  readonly busy: Gauge;
  /** Executions stuck in a hung attempt, in workers or zombies. */
  readonly hung: Gauge;
  readonly memoryMb: Gauge;
  readonly completed: Counter;
  readonly errors: Counter;
  readonly timeouts: Counter;
  /** Attempts killed by the job timeout. */
  readonly killed: Counter;
  /** Attempts lost with their process (killed or disowned). */
  readonly lost: Counter;
  readonly spawned: Counter;
  readonly wait: Histogram;
  readonly table = new ProcessTable();
  private readonly rng: Rng;
  private readonly services: Distribution[];
  private readonly errorRatio: readonly number[];
  private readonly errorClass: FailureClass;
  private readonly jobMemoryMb: readonly number[];
  private readonly next: JobSink;
  private readonly failures: FailureSink;
  private readonly breaker: Breaker;
  private readonly rejected: JobSink;
  private readonly baseMb: number;
  private readonly leakMb: number;
  private readonly timeoutS: number;
  private readonly killOnTimeout: boolean;
  private readonly heartbeatS: number;
  private readonly bootS: number;
  private readonly idle = new IdleStack(0, 16);
  private workerCount = 0;
  private bootingCount = 0;
  private processCount = 0;
  private zombieCount = 0;
  private busyCount = 0;
  private hungCount = 0;

  constructor(private readonly env: ComponentEnv, private readonly opts: ProcessPoolOptions) {
    const { name } = opts;
    if (!(opts.workers >= 0 && Number.isInteger(opts.workers))) throw new RangeError(`${name}: workers must be a whole number >= 0, got ${opts.workers}`);
    const m = env.metrics;
    this.workersGauge = m.gauge(`${name}_workers`);
    this.processes = m.gauge(`${name}_processes`);
    this.zombies = m.gauge(`${name}_zombies`);
    this.busy = m.gauge(`${name}_busy`);
    this.hung = m.gauge(`${name}_hung`);
    this.memoryMb = m.gauge(`${name}_memory_mb`);
    this.completed = m.counter(`${name}_completed`);
    this.errors = m.counter(`${name}_errors`);
    this.timeouts = m.counter(`${name}_timeouts`);
    this.killed = m.counter(`${name}_killed`);
    this.lost = m.counter(`${name}_lost`);
    this.spawned = m.counter(`${name}_spawned`);
    this.wait = m.histogram(`${name}_wait_s`);
    this.rng = env.sim.rng(name);
    this.services = Array.isArray(opts.service) ? [...(opts.service as readonly Distribution[])] : [opts.service as Distribution];
    if (this.services.length === 0) throw new RangeError(`${name}: service needs at least one distribution`);
    this.errorRatio = perType(opts.errorRatio ?? 0);
    this.errorClass = opts.errorClass ?? FailureClass.transient;
    this.jobMemoryMb = perType(opts.jobMemoryMb ?? 0);
    this.next = opts.next ?? { accept: (job) => env.jobs.release(job) };
    this.failures = opts.failures ?? new FailedJobs(env, `${name}_failed`);
    this.breaker = opts.breaker ?? new NoBreaker();
    this.rejected = opts.rejected ?? new FailedJobs(env, `${name}_refused`);
    this.baseMb = opts.baseMemoryMb ?? 0;
    this.leakMb = opts.leakMbPerJob ?? 0;
    this.timeoutS = opts.jobTimeoutS ?? Infinity;
    this.killOnTimeout = (opts.timeoutAction ?? 'report') === 'kill';
    this.heartbeatS = opts.heartbeatIntervalS ?? 10;
    this.bootS = opts.bootS ?? 0;
    if (!(this.timeoutS > 0)) throw new RangeError(`${name}: jobTimeoutS must be > 0, got ${this.timeoutS}`);
    if (!(this.heartbeatS > 0)) throw new RangeError(`${name}: heartbeatIntervalS must be > 0, got ${this.heartbeatS}`);
    if (!(this.bootS >= 0)) throw new RangeError(`${name}: bootS must be >= 0, got ${this.bootS}`);
    opts.queue.consumer = this;
    for (let i = 0; i < opts.workers; i++) this.addProcess(false);
    // Idle workers are a stack; reversed so worker 0 is taken first.
    this.idle.reverse();
  }

  /** Workers the pool is meant to have. */
  get target(): number {
    return this.opts.workers;
  }

  /** Processes counted as workers now (booting, idle or busy). */
  get workers(): number {
    return this.workerCount;
  }

  /** Workers that have booted (idle or busy). */
  get ready(): number {
    return this.workerCount - this.bootingCount;
  }

  jobAvailable(): void {
    const queue = this.opts.queue;
    while (this.idle.count > 0 && queue.length > 0) this.serve(this.idle.pop());
  }

  handleEvent(tag: number, p: number): void {
    const t = this.table;
    if (tag === DONE) {
      t.doneEvent[p] = -1;
      if (t.state[p] === ZOMBIE) {
        this.zombies.set(--this.zombieCount);
        this.exit(p);
      } else this.finish(p);
    } else if (tag === TIMEOUT) {
      t.timeoutEvent[p] = -1;
      this.timeout(p);
    } else {
      t.doneEvent[p] = -1;
      this.bootingCount--;
      this.serve(p);
    }
  }

  /** Time of process p's latest heartbeat: beats stop when an attempt hangs. */
  lastHeartbeatS(p: number): number {
    const t = this.table;
    const at = this.isHung(p) ? t.hungSince[p]! : this.env.sim.now;
    const born = t.spawnedAt[p]!;
    return born + Math.floor((at - born) / this.heartbeatS) * this.heartbeatS;
  }

  /** Starts a new worker process (booting for bootS); returns its slot. */
  spawn(): number {
    return this.addProcess(this.bootS > 0);
  }

  /** Spawns workers until the pool has its target number; returns how many it spawned. */
  replenish(): number {
    const n = Math.max(0, this.opts.workers - this.workerCount);
    for (let i = 0; i < n; i++) this.spawn();
    return n;
  }

  /** Terminates process p (a worker or a zombie); a job it held is lost. */
  kill(p: number): void {
    const t = this.table;
    const s = t.state[p]!;
    if (s === DEAD) return;
    if (s === BUSY) this.loseAttempt(p);
    else if (s === IDLE) this.removeIdle(p);
    else if (s === BOOTING) this.bootingCount--;
    if (t.doneEvent[p]! >= 0) this.env.sim.cancel(t.doneEvent[p]!);
    if (this.isHung(p)) this.setHung(this.hungCount - 1);
    if (s === ZOMBIE) this.zombies.set(--this.zombieCount);
    else this.workersGauge.set(--this.workerCount);
    this.exit(p);
  }

  /**
   * Stops counting process p as a worker without terminating it: it lives on as a zombie,
   * holding its memory (and a hung execution, if it had one). Its job is given up for lost,
   * as a supervisor that believes the worker dead would. A zombie whose attempt was not hung
   * exits when that attempt would have ended.
   */
  abandon(p: number): void {
    const t = this.table;
    const s = t.state[p]!;
    if (s === DEAD || s === ZOMBIE) return;
    if (s === BUSY) this.loseAttempt(p);
    else if (s === IDLE) this.removeIdle(p);
    else {
      this.bootingCount--;
      this.env.sim.cancel(t.doneEvent[p]!);
      t.doneEvent[p] = -1;
    }
    t.state[p] = ZOMBIE;
    this.workersGauge.set(--this.workerCount);
    this.zombies.set(++this.zombieCount);
  }

  /** Kills every worker process (an upgrade, a host restart); zombies survive. */
  killWorkers(): void {
    for (let p = 0; p < this.table.size; p++) if (isWorker(this.table.state[p]!)) this.kill(p);
  }

  killZombies(): void {
    for (let p = 0; p < this.table.size; p++) if (this.table.state[p] === ZOMBIE) this.kill(p);
  }

  /** Changes a job type's attempt durations from now on (a fault: the type turns toxic). */
  setService(type: number, service: Distribution): void {
    while (this.services.length <= type) this.services.push(this.services[0]!);
    this.services[type] = service;
  }

  stateOf(p: number): ProcessState {
    return this.table.state[p] as ProcessState;
  }

  /** Takes jobs for worker p until one starts; p goes idle if the queue runs out. */
  private serve(p: number): void {
    const queue = this.opts.queue;
    const types = this.env.jobs.type;
    for (;;) {
      const job = queue.take();
      if (job < 0) {
        this.table.state[p] = IDLE;
        this.idle.push(p);
        return;
      }
      if (this.breaker.allow(types[job]!)) {
        this.start(p, job);
        return;
      }
      this.rejected.accept(job);
    }
  }

  private start(p: number, job: number): void {
    const { sim, jobs } = this.env;
    const t = this.table;
    const type = jobs.type[job]!;
    jobs.attempts[job]!++;
    jobs.startedAt[job] = sim.now;
    this.wait.record(sim.now - jobs.enqueuedAt[job]!);
    t.state[p] = BUSY;
    t.job[p] = job;
    const mb = this.jobMemoryMb[type] ?? this.jobMemoryMb[0]!;
    t.jobMb[p] = mb;
    if (mb !== 0) this.memoryMb.add(mb);
    this.setBusyCount(this.busyCount + 1);
    const d = (this.services[type] ?? this.services[0]!).sample(this.rng);
    if (d === Infinity) {
      t.hungSince[p] = sim.now;
      this.setHung(this.hungCount + 1);
    } else t.doneEvent[p] = sim.schedule(d, this, DONE, p);
    if (this.timeoutS !== Infinity) t.timeoutEvent[p] = sim.schedule(this.timeoutS, this, TIMEOUT, p);
  }

  private finish(p: number): void {
    const t = this.table;
    const job = t.job[p]!;
    const type = this.env.jobs.type[job]!;
    this.endAttempt(p, this.leakMb);
    const ratio = this.errorRatio[type] ?? this.errorRatio[0]!;
    if (ratio > 0 && this.rng.chance(ratio)) {
      this.errors.add();
      // A permanent error is the input's fault, not the job type's: it does not move a circuit.
      if (this.errorClass === FailureClass.transient) this.breaker.onFailure(type);
      this.failures.attemptFailed(job, this.errorClass);
    } else {
      this.completed.add();
      this.breaker.onSuccess(type);
      this.failures.attemptSucceeded();
      this.next.accept(job);
    }
    this.serve(p);
  }

  private timeout(p: number): void {
    const t = this.table;
    const job = t.job[p]!;
    const type = this.env.jobs.type[job]!;
    this.timeouts.add();
    this.breaker.onFailure(type);
    if (!this.killOnTimeout) return;
    this.killed.add();
    if (t.doneEvent[p]! >= 0) this.env.sim.cancel(t.doneEvent[p]!);
    t.doneEvent[p] = -1;
    if (this.isHung(p)) this.setHung(this.hungCount - 1);
    t.hungSince[p] = NaN;
    this.endAttempt(p, 0);
    this.failures.attemptFailed(job, FailureClass.transient);
    this.serve(p);
  }

  /** A busy worker's attempt is lost with its process: the job goes to the failure sink. */
  private loseAttempt(p: number): void {
    const t = this.table;
    const job = t.job[p]!;
    this.lost.add();
    this.breaker.onFailure(this.env.jobs.type[job]!);
    if (t.timeoutEvent[p]! >= 0) this.env.sim.cancel(t.timeoutEvent[p]!);
    t.timeoutEvent[p] = -1;
    t.job[p] = -1;
    this.setBusyCount(this.busyCount - 1);
    this.failures.attemptFailed(job, FailureClass.transient);
  }

  /** Releases the attempt's memory and the worker's job; the worker is left to serve(). */
  private endAttempt(p: number, leakMb: number): void {
    const t = this.table;
    if (t.timeoutEvent[p]! >= 0) this.env.sim.cancel(t.timeoutEvent[p]!);
    t.timeoutEvent[p] = -1;
    const delta = leakMb - t.jobMb[p]!;
    if (delta !== 0) this.memoryMb.add(delta);
    t.rssMb[p]! += leakMb;
    t.jobMb[p] = 0;
    t.job[p] = -1;
    this.setBusyCount(this.busyCount - 1);
  }

  private addProcess(boot: boolean): number {
    const t = this.table;
    const p = t.alloc(this.env.sim.now, this.baseMb);
    if (this.baseMb !== 0) this.memoryMb.add(this.baseMb);
    this.processes.set(++this.processCount);
    this.workersGauge.set(++this.workerCount);
    this.spawned.add();
    if (boot) {
      this.bootingCount++;
      t.state[p] = BOOTING;
      t.doneEvent[p] = this.env.sim.schedule(this.bootS, this, BOOTED, p);
    } else this.serve(p);
    return p;
  }

  /** Process p is gone: its memory is freed and its slot reused. Counts are the caller's. */
  private exit(p: number): void {
    const t = this.table;
    const mb = t.rssMb[p]! + t.jobMb[p]!;
    if (mb !== 0) this.memoryMb.add(-mb);
    this.processes.set(--this.processCount);
    t.free(p);
  }

  private removeIdle(p: number): void {
    this.idle.remove(p);
  }

  private isHung(p: number): boolean {
    return !Number.isNaN(this.table.hungSince[p]!);
  }

  private setBusyCount(n: number): void {
    this.busyCount = n;
    this.busy.set(n);
  }

  private setHung(n: number): void {
    this.hungCount = n;
    this.hung.set(n);
  }
}

function isWorker(s: number): boolean {
  return s === IDLE || s === BUSY || s === BOOTING;
}

function perType(x: number | readonly number[]): readonly number[] {
  const a = typeof x === 'number' ? [x] : [...x];
  if (a.length === 0) throw new RangeError('a per-type value list needs at least one entry');
  return a;
}
