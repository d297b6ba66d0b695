import type { Simulation } from '../kernel/simulation.ts';
import { argumentError } from './model-location.ts';
import { currentProcess, Process, type ProcessBody } from './process.ts';

/** Anything holding the kernel: a model's ctx, a ComponentEnv, or the Simulation itself. */
export type SimHolder = { readonly sim: Simulation } | Simulation;

function simOf(env: SimHolder): Simulation {
  return 'sim' in env ? env.sim : env;
}

function isBody(x: unknown): x is ProcessBody<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { next?: unknown }).next === 'function' && typeof (x as { throw?: unknown }).throw === 'function';
}

/**
 * Starts a process at the current time, after the code that spawned it yields (SimPy's
 * `env.process`): `spawn(ctx, customer())` from a model's build, `spawn(child())` from inside
 * another process. Returns the process, to `wait` for its end, read its `result` or
 * `interrupt` it.
 */
export function spawn<R>(body: ProcessBody<R>): Process<R>;
export function spawn<R>(env: SimHolder, body: ProcessBody<R>): Process<R>;
export function spawn<R>(a: SimHolder | ProcessBody<R>, b?: ProcessBody<R>): Process<R> {
  let sim: Simulation;
  let body: unknown;
  if (b === undefined) {
    const p = currentProcess();
    if (p === null) throw argumentError('spawn(body) outside a process needs the model context: spawn(ctx, body)');
    sim = p.sim;
    body = a;
  } else {
    sim = simOf(a as SimHolder);
    body = b;
  }
  if (!isBody(body)) {
    const hint = typeof body === 'function' ? ` (call the generator function: spawn(ctx, ${body.name || 'fn'}()))` : '';
    throw argumentError(`spawn: expected a generator (the result of calling a function*)${hint}, got ${typeof body}`);
  }
  return new Process<R>(sim, body as ProcessBody<R>).start();
}

/** The simulated time now, seconds (inside a process; elsewhere use ctx.sim.now). */
export function now(): number {
  const p = currentProcess();
  if (p === null) throw argumentError('now() outside a process; use ctx.sim.now');
  return p.sim.now;
}

/**
 * Throws an `Interrupt` carrying `cause` into `process` at its current wait (or its next
 * one, if it is not waiting now), ending that wait: a worker told to stop, a request
 * cancelled. A process that does not catch it ends. False if the process has already ended.
 */
export function interrupt(process: Process<unknown>, cause?: unknown): boolean {
  if (!(process instanceof Process)) throw argumentError(`interrupt(...): expected a Process (what spawn returned), got ${String(process)}`);
  return process.interrupt(cause);
}
