import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Simulation } from '../../kernel/simulation.ts';
import { argumentError } from '../model-location.ts';
import { Process, type ProcessBody } from '../process.ts';
import type { SimHolder } from '../spawn.ts';

export interface EveryOptions {
  /** First start, seconds. @default 0 */
  readonly startS?: number;
  /** No starts at or after this time, seconds. @default Infinity */
  readonly stopS?: number;
}

/** Starts a process every `periodS` seconds; see `every`. */
export class Every implements EventHandler {
  private count = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly periodS: number,
    private readonly start: (i: number) => ProcessBody<unknown>,
    private readonly startS: number,
    private readonly stopS: number,
  ) {
    if (startS < stopS) sim.at(startS, this);
  }

  handleEvent(): void {
    new Process(this.sim, this.start(this.count++)).startNow();
    // Start i is at startS + i * period, computed from the count so rounding never drifts.
    const next = this.startS + this.count * this.periodS;
    if (next < this.stopS) this.sim.at(next, this);
  }
}

/**
 * Periodic starts (a cron job, a poller's tick): a new process from `start(i)` every
 * `periodS` seconds from `startS`, each independent of the last (a slow run overlaps the next).
 */
export function every(env: SimHolder, periodS: number, start: (i: number) => ProcessBody<unknown>, opts: EveryOptions = {}): Every {
  if (!(periodS > 0 && periodS < Infinity)) throw argumentError(`every(${periodS}, ...): the period must be a positive number of seconds`);
  const startS = opts.startS ?? 0;
  if (!(startS >= 0)) throw argumentError(`every(...): startS must be >= 0, got ${startS}`);
  return new Every('sim' in env ? env.sim : env, periodS, start, startS, opts.stopS ?? Infinity);
}

class At implements EventHandler {
  constructor(private readonly p: Process<unknown>) {}
  handleEvent(): void {
    this.p.startNow();
  }
}

/** A scheduled start: the process begins at simulated time `timeS` (seconds, not in the past). */
export function startAt<R>(env: SimHolder, timeS: number, body: ProcessBody<R>): Process<R> {
  const sim = 'sim' in env ? env.sim : env;
  if (!(timeS >= sim.now)) throw argumentError(`startAt(${timeS}, ...): that time is in the past (the clock is at ${sim.now} s)`);
  const p = new Process<R>(sim, body);
  sim.at(timeS, new At(p as Process<unknown>));
  return p;
}
