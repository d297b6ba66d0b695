import { EventQueue, type EventHandle, type EventHandler } from './event-queue.ts';
import { Rng } from './rng.ts';

/** Events fired per call of fire() (see run). */
const CHUNK = 1024;

/** What metrics and components need of the kernel: the simulated time, in seconds. */
export interface Clock {
  readonly now: number;
}

/** Wraps a closure as a handler, for cold paths (faults on a timeline, setup) only. */
class Callback implements EventHandler {
  constructor(private readonly fn: () => void) {}
  handleEvent(): void {
    this.fn();
  }
}

/**
 * The simulation kernel: a clock, a future-event set and seeded random substreams. It knows
 * nothing of jobs, pools or metrics.
 *
 * Time is in seconds. `run(until)` fires every event with time < until in (time, sequence)
 * order and leaves the clock at `until`.
 */
export class Simulation implements Clock {
  now = 0;
  /** Events fired so far. */
  eventsFired = 0;
  private readonly events: EventQueue;
  private stopped = false;
  private readonly streams = new Set<string>();

  constructor(readonly seed: number | string = 1, initialEventCapacity = 1024) {
    this.events = new EventQueue(initialEventCapacity);
  }

  // schedule and at hand the time and arg to the event set in fields, not as arguments: see
  // EventQueue.push.

  /** Schedules `handler.handleEvent(tag, arg)` after `delayS` seconds. */
  schedule(delayS: number, handler: EventHandler, tag = 0, arg = 0): EventHandle {
    if (!(delayS >= 0)) pastDelay(delayS);
    const q = this.events;
    q.nextTime = this.now + delayS;
    q.nextArg = arg;
    return q.handle(q.add(handler, tag));
  }

  /** Schedules at an absolute time, which must not be in the past. */
  at(timeS: number, handler: EventHandler, tag = 0, arg = 0): EventHandle {
    if (!(timeS >= this.now)) pastTime(timeS, this.now);
    const q = this.events;
    q.nextTime = timeS;
    q.nextArg = arg;
    return q.handle(q.add(handler, tag));
  }

  /** Schedules a closure. Allocates; meant for setup and timelines, not for per-job events. */
  call(delayS: number, fn: () => void): EventHandle {
    return this.schedule(delayS, new Callback(fn));
  }

  cancel(handle: EventHandle): boolean {
    return this.events.cancel(handle);
  }

  /** Events scheduled and not yet fired or cancelled. */
  get pending(): number {
    return this.events.size;
  }

  /** Time of the next event, or Infinity. */
  peek(): number {
    return this.events.peekTime();
  }

  /**
   * Fires events with time < untilS (all of them when untilS is Infinity) and returns the
   * number fired. The clock ends at untilS if it is finite, else at the last event's time.
   */
  run(untilS = Infinity): number {
    const start = this.eventsFired;
    this.stopped = false;
    // The events fire in chunks, in fire(): a function entered many times, so V8 optimises
    // it as a whole. A single long loop here, entered once a run, would only ever execute as
    // on-stack-replacement code, where V8 boxes numbers that cross calls: a heap allocation
    // or more per event.
    while (this.fire(untilS) && !this.stopped);
    if (!this.stopped && Number.isFinite(untilS) && untilS > this.now) this.now = untilS;
    return this.eventsFired - start;
  }

  /** Fires up to CHUNK events with time < untilS; false when none is left before untilS. */
  private fire(untilS: number): boolean {
    const q = this.events;
    for (let n = 0; n < CHUNK; n++) {
      if (this.stopped || !q.popBefore(untilS)) return false;
      this.now = q.poppedTime;
      this.eventsFired++;
      q.poppedHandler!.handleEvent(q.poppedTag, q.poppedArg);
    }
    return true;
  }

  /** Ends the current `run` after the event being handled. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * The random substream named `name`, seeded from `seed + '/' + name`. Each name may be
   * taken once: two components sharing a stream would make each one's numbers depend on
   * the other's draws.
   */
  rng(name: string): Rng {
    if (this.streams.has(name)) throw new Error(`random stream '${name}' is already taken; give each component its own name`);
    this.streams.add(name);
    return new Rng(`${this.seed}/${name}`);
  }
}

// The errors are built out of line, so schedule and at stay small enough for V8 to inline.
function pastDelay(delayS: number): never {
  throw new RangeError(`cannot schedule ${delayS} s into the past`);
}

function pastTime(timeS: number, nowS: number): never {
  throw new RangeError(`cannot schedule at ${timeS} s; the clock is at ${nowS} s`);
}
