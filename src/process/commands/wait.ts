import { Command } from '../command.ts';
import { argumentError } from '../model-location.ts';
import { Process } from '../process.ts';
import { Signal } from '../signal.ts';
import { timeoutOf, type WaitOptions } from './options.ts';

/** What `first` can wait on: a signal, or a process (for its end). */
export type Waitable = Signal<unknown> | Process<unknown>;

class First extends Command<number> {
  constructor(
    private readonly signals: readonly Signal<unknown>[],
    private readonly timeoutS: number,
  ) {
    super();
  }

  protected begin(p: Process<unknown>): void {
    const signals = this.signals;
    for (let i = 0; i < signals.length; i++) {
      if (signals[i]!.fired) {
        p.value = i;
        return;
      }
    }
    if (this.timeoutS <= 0) {
      p.value = -1;
      return;
    }
    const id = p.beginWait(this.timeoutS, -1, null);
    if (p.settled) return;
    for (let i = 0; i < signals.length; i++) signals[i]!.addWaiter(p, id, i);
  }

  protected describe(): string {
    return 'first(...)';
  }
}

function signalOf(w: Waitable, what: string): Signal<unknown> {
  if (w instanceof Signal) return w;
  if (w instanceof Process) return w.ended as Signal<unknown>;
  throw argumentError(`${what}: expected a Signal or a Process, got ${String(w)}`);
}

/**
 * Waits for whichever happens first: one of `waitables` fires (a Signal) or ends (a
 * Process), or `timeoutS` passes. Returns the index of the first (the lowest index if
 * several already have), or -1 on timeout: `const i = yield* first([reply, cancel], { timeoutS: 3 })`.
 */
export function first(waitables: readonly Waitable[], opts?: WaitOptions): Command<number> {
  if (!Array.isArray(waitables)) throw argumentError(`first(...): expected an array of signals or processes`);
  return new First(
    waitables.map((w) => signalOf(w, 'first')),
    timeoutOf(opts, 'first'),
  );
}

/**
 * Waits for a Signal to fire or a Process to end: true when it has, false if `timeoutS`
 * passed first. The signal's value is `signal.value`; a process's result is `process.result`.
 */
export function wait(waitable: Waitable, opts?: WaitOptions): Command<boolean> {
  return new Single(signalOf(waitable, 'wait'), timeoutOf(opts, 'wait'));
}

class Single extends Command<boolean> {
  constructor(
    private readonly signal: Signal<unknown>,
    private readonly timeoutS: number,
  ) {
    super();
  }

  protected begin(p: Process<unknown>): void {
    if (this.signal.fired || this.timeoutS <= 0) {
      p.value = this.signal.fired;
      return;
    }
    const id = p.beginWait(this.timeoutS, false, null);
    if (!p.settled) this.signal.addWaiter(p, id, true);
  }

  protected describe(): string {
    return 'wait(...)';
  }
}
