import type { EventHandle, EventHandler } from '../kernel/event-queue.ts';
import type { Simulation } from '../kernel/simulation.ts';
import { Interrupt } from './interrupt-error.ts';
import { badYieldError, processCrash } from './model-location.ts';
import { Signal } from './signal.ts';

declare const WAITING_BRAND: unique symbol;
/** What a process's generator yields, only ever through a command: "I am waiting; resume me when it is over". */
export interface Waiting {
  readonly [WAITING_BRAND]: true;
}
/** The one value of type `Waiting`. */
export const WAITING = Object.freeze({ toString: () => 'sim.waiting' }) as unknown as Waiting;
/** What a process's generator is resumed with; commands read the outcome from the process. */
export const RESUME: unique symbol = Symbol('sim.resume');

/**
 * A process's body: a generator that waits only by delegating to commands with `yield*`
 * (`yield* hold(1)`, `const ok = yield* acquire(pool, { timeoutS: 2 })`), and whose return
 * value is the process's result.
 */
export type ProcessBody<R = void> = Generator<Waiting, R, unknown>;

/** Told when a wait ends other than by its own outcome (a timeout, an interrupt). */
export interface Withdrawable {
  /** `timedOut`: the wait's own timer ended it (else an interrupt did). */
  withdraw(p: Process<unknown>, timedOut: boolean): void;
}

// Event tags. A timer event belongs to one wait (its arg is the wait's id); a resume event
// carries the id of the wait it ends, so an event left over from an older wait does nothing.
const START = 0;
const RESUME_TAG = 1;
const TIMER = 2;

const READY = 0;
const RUNNING = 1;
const WAITING_STATE = 2;
const DONE = 3;

let current: Process<unknown> | null = null;

/** The process whose code is running now, or null outside every process. */
export function currentProcess(): Process<unknown> | null {
  return current;
}

/**
 * A simulated activity written as a generator (SimPy's process). The process object is
 * itself the kernel's event handler: it is resumed through `handleEvent` with no closure or
 * record allocated per resumption.
 *
 * Every wait has an id (`waitId`, growing by one per wait). Whatever ends a wait (its timer,
 * a grant, a reply, an interrupt) first checks that the id is still current and the wait not
 * yet settled, so a stale event (the timeout of a try already answered, a grant for a request
 * already abandoned) can never resume the process in a later wait.
 *
 * Resumption order is the kernel's (time, sequence) order: a process granted a resource or
 * woken by a signal resumes at the current time after the events already scheduled for it.
 */
export class Process<R = unknown> implements EventHandler {
  /** The generator's return value once the process has ended. */
  result: R | undefined = undefined;
  /** True if the process ended by an `Interrupt` it did not catch. */
  interrupted = false;
  /** @internal Id of the current (or last) wait. */
  waitId = 0;
  /** @internal The current wait has an outcome (its resumption may still be pending). */
  settled = true;
  /** @internal The outcome of the current wait, read by the command on resumption. */
  value: unknown = undefined;
  private timeoutValue: unknown = undefined;
  private timer: EventHandle = -1;
  private withdrawFrom: Withdrawable | null = null;
  private error: unknown = null;
  private pendingInterrupt: Interrupt | null = null;
  private state = READY;
  private endedSignal: Signal<R | undefined> | null = null;

  /** @internal Use `spawn`. */
  constructor(
    readonly sim: Simulation,
    private readonly body: ProcessBody<R>,
  ) {}

  /** True once the generator has returned (or ended by an uncaught interrupt). */
  get done(): boolean {
    return this.state === DONE;
  }

  /** True while the process waits (on a timer, a resource, a signal...). */
  get waiting(): boolean {
    return this.state === WAITING_STATE;
  }

  /** Fires with the result when the process ends; `wait(p.ended)` and `first(...)` use it. */
  get ended(): Signal<R | undefined> {
    if (this.endedSignal === null) {
      this.endedSignal = new Signal<R | undefined>();
      if (this.state === DONE) this.endedSignal.fire(this.result);
    }
    return this.endedSignal;
  }

  /** @internal Schedules the first step at the current time. */
  start(): this {
    this.sim.schedule(0, this, START, 0);
    return this;
  }

  /**
   * @internal Runs the first step now. Only for callers outside every process (a source's
   * own event), so no process's step is ever nested in another's.
   */
  startNow(): this {
    if (current !== null) return this.start();
    this.step();
    return this;
  }

  /**
   * @internal Begins a wait: a new wait id, no outcome yet. After `timeoutS` seconds (if
   * finite) the wait ends with `timeoutValue`, and `withdrawFrom` is told to forget it.
   */
  beginWait(timeoutS: number, timeoutValue: unknown, withdrawFrom: Withdrawable | null): number {
    const id = ++this.waitId;
    this.settled = false;
    this.timeoutValue = timeoutValue;
    this.withdrawFrom = withdrawFrom;
    this.timer = timeoutS < Infinity ? this.sim.schedule(timeoutS, this, TIMER, id) : -1;
    if (this.pendingInterrupt !== null) {
      const e = this.pendingInterrupt;
      this.pendingInterrupt = null;
      this.settleWithError(e);
    }
    return id;
  }

  /**
   * @internal Ends the current wait with `value`. Returns false if it already had an
   * outcome. Called while the process itself runs (an immediate grant), the outcome is
   * read at once; otherwise the process resumes at the current time.
   */
  settle(value: unknown): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.value = value;
    this.withdrawFrom = null;
    if (this.timer >= 0) {
      this.sim.cancel(this.timer);
      this.timer = -1;
    }
    if (this.state !== RUNNING) this.sim.schedule(0, this, RESUME_TAG, this.waitId);
    return true;
  }

  /** @internal The interrupt to throw at once, if one ended the wait while it began. */
  takeError(): unknown {
    const e = this.error;
    this.error = null;
    return e;
  }

  /** @internal True if `id` is the current, unsettled wait. */
  isWaitingOn(id: number): boolean {
    return id === this.waitId && !this.settled;
  }

  /**
   * @internal Throws an `Interrupt` into the process at its current wait, withdrawing that
   * wait; a process that is not waiting gets it at its next wait. False once it has ended.
   */
  interrupt(cause: unknown): boolean {
    if (this.state === DONE) return false;
    const e = new Interrupt(cause);
    if (this.state === WAITING_STATE && !this.settled) this.settleWithError(e);
    else if (this.pendingInterrupt === null) this.pendingInterrupt = e;
    return true;
  }

  handleEvent(tag: number, id: number): void {
    if (tag === TIMER) {
      if (id !== this.waitId || this.settled) return;
      this.settled = true;
      this.timer = -1;
      const from = this.withdrawFrom;
      this.withdrawFrom = null;
      if (from !== null) from.withdraw(this as Process<unknown>, true);
      this.value = this.timeoutValue;
      this.step();
    } else if (tag === RESUME_TAG) {
      if (id === this.waitId) this.step();
    } else if (tag === START) {
      this.step();
    } else {
      throw new Error(`process: unknown event tag ${tag}`);
    }
  }

  private settleWithError(e: Interrupt): void {
    const from = this.withdrawFrom;
    this.settle(undefined);
    if (from !== null) from.withdraw(this as Process<unknown>, false);
    this.error = e;
  }

  private step(): void {
    const prev = current;
    current = this as Process<unknown>;
    this.state = RUNNING;
    let r: IteratorResult<Waiting, R>;
    try {
      if (this.error !== null) {
        const e = this.error;
        this.error = null;
        r = this.body.throw(e);
      } else {
        r = this.body.next(RESUME);
      }
    } catch (e) {
      current = prev;
      this.crash(e);
      return;
    }
    current = prev;
    if (r.done === true) this.finish(r.value);
    else if (r.value === WAITING) this.state = WAITING_STATE;
    else throw badYieldError(this.body, r.value);
  }

  private crash(e: unknown): void {
    if (e instanceof Interrupt) {
      this.interrupted = true;
      this.finish(undefined);
      return;
    }
    this.state = DONE;
    throw processCrash(e);
  }

  private finish(result: R | undefined): void {
    this.state = DONE;
    this.result = result;
    if (this.endedSignal !== null) this.endedSignal.fire(result);
  }
}
