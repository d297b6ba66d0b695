import { Command } from '../command.ts';
import { argumentError } from '../model-location.ts';
import type { Process } from '../process.ts';

class Hold extends Command<void> {
  constructor(private readonly delayS: number) {
    super();
  }

  protected begin(p: Process<unknown>): void {
    p.beginWait(this.delayS, undefined, null);
  }

  protected describe(): string {
    return `hold(${this.delayS})`;
  }
}

/**
 * Waits `delayS` simulated seconds: `yield* hold(0.25)`. `hold(0)` lets every event already
 * due now run first; `hold(Infinity)` waits until interrupted.
 */
export function hold(delayS: number): Command<void> {
  if (!(delayS >= 0)) throw argumentError(`hold(${delayS}): a hold must be >= 0 seconds`);
  return new Hold(delayS);
}

class HoldUntil extends Command<void> {
  constructor(private readonly timeS: number) {
    super();
  }

  protected begin(p: Process<unknown>): void {
    const now = p.sim.now;
    if (!(this.timeS >= now)) throw argumentError(`holdUntil(${this.timeS}): that time is in the past (the clock is at ${now} s)`);
    p.beginWait(this.timeS - now, undefined, null);
  }

  protected describe(): string {
    return `holdUntil(${this.timeS})`;
  }
}

/** Waits until simulated time `timeS` (seconds), which must not be in the past. */
export function holdUntil(timeS: number): Command<void> {
  if (Number.isNaN(timeS)) throw argumentError(`holdUntil(NaN): give a time in seconds`);
  return new HoldUntil(timeS);
}
