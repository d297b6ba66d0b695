import type { Process } from './process.ts';

/**
 * A one-shot occurrence processes can wait for (SimPy's Event): a reply arriving, a job
 * finishing, a shutdown. `fire(value)` wakes every waiter; a signal fires once, and a wait
 * that starts after it fired returns at once. `wait(signal, { timeoutS })` and
 * `first([a, b], ...)` wait on signals.
 */
export class Signal<T = void> {
  /** True once `fire` has been called. */
  fired = false;
  /** The value it fired with (undefined until then). */
  value: T | undefined = undefined;
  // Waiters as parallel arrays: process, the wait id it registered for, the index to answer
  // with (its position in a `first` list; 0 for a plain wait). A waiter whose wait ended
  // otherwise (timeout, another signal won) is skipped when the signal fires.
  private procs: Process<unknown>[] = [];
  private ids: number[] = [];
  private answers: unknown[] = [];

  /** Fires the signal: every process waiting on it resumes now. False if it had already fired. */
  fire(value?: T): boolean {
    if (this.fired) return false;
    this.fired = true;
    this.value = value;
    const { procs, ids, answers } = this;
    this.procs = [];
    this.ids = [];
    this.answers = [];
    for (let i = 0; i < procs.length; i++) {
      const p = procs[i]!;
      if (p.isWaitingOn(ids[i]!)) p.settle(answers[i]);
    }
    return true;
  }

  /** @internal Registers `p`'s wait `id`, to be settled with `answer` when the signal fires. */
  addWaiter(p: Process<unknown>, id: number, answer: unknown): void {
    // A signal raced many times (a shutdown signal in every `first`) drops stale waiters
    // before its lists grow past twice what is live.
    if (this.procs.length >= 64 && (this.procs.length & (this.procs.length - 1)) === 0) this.compact();
    this.procs.push(p);
    this.ids.push(id);
    this.answers.push(answer);
  }

  private compact(): void {
    let k = 0;
    for (let i = 0; i < this.procs.length; i++) {
      const p = this.procs[i]!;
      if (!p.isWaitingOn(this.ids[i]!)) continue;
      this.procs[k] = p;
      this.ids[k] = this.ids[i]!;
      this.answers[k] = this.answers[i];
      k++;
    }
    this.procs.length = k;
    this.ids.length = k;
    this.answers.length = k;
  }
}
