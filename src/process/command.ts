import { currentProcess, type Process, RESUME, WAITING, type Waiting } from './process.ts';
import { ModelError } from './model-error.ts';

// Shared result objects: `yield*` reads `done` and `value` the moment `next` returns, so one
// object per kind serves every command and a step allocates no iterator result.
const SUSPENDED: IteratorYieldResult<Waiting> = { done: false, value: WAITING };
const FINISHED: IteratorReturnResult<unknown> = { done: true, value: undefined };

/**
 * One thing a process does that may take simulated time: `hold(1)`, `acquire(pool)`. A
 * command is an iterable, so a process runs it with `yield*` and gets its typed outcome:
 * `const ok = yield* acquire(pool, { timeoutS: 2 })`.
 *
 * Why not a generator per command: `yield*` of a small generator costs ~7x a plain `yield`
 * (a generator object per call and a second frame per resumption); a command object that
 * is its own iterator costs a few nanoseconds more than `yield`. A command that can finish
 * at once (a free connection, an item already in the store) finishes inside `yield*`
 * without suspending the process or scheduling an event.
 */
export abstract class Command<T> implements Iterator<Waiting, T, unknown>, Iterable<Waiting, T, unknown> {
  [Symbol.iterator](): this {
    return this;
  }

  next(resume?: unknown): IteratorResult<Waiting, T> {
    const p = currentProcess();
    if (p === null) throw new ModelError(`${this.describe()} ran outside a process; run it inside a generator started with spawn(), e.g. spawn(ctx, myProcess())`);
    if (resume !== RESUME) {
      this.begin(p);
      if (!p.settled) return SUSPENDED;
      const e = p.takeError();
      if (e !== null) throw e;
    }
    FINISHED.value = p.value;
    return FINISHED as IteratorReturnResult<T>;
  }

  throw(e: unknown): IteratorResult<Waiting, T> {
    throw e;
  }

  /**
   * Starts the command for process `p`: either completes at once (sets `p.value` and leaves
   * `p.settled` true) or begins a wait with `p.beginWait(...)`; whoever ends the wait calls
   * `p.settle(outcome)`.
   */
  protected abstract begin(p: Process<unknown>): void;

  /** How the command reads in an error message: `hold(...)`. */
  protected abstract describe(): string;
}
