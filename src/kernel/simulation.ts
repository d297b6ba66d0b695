import { formatDuration } from './duration.ts';
import { EventQueue, type EventHandle, type EventHandler } from './event-queue.ts';
import { Rng } from './rng.ts';
import { DEFAULT_RUN_LIMITS, formatCount, RUN_LIMIT_FLAGS, RunLimitError, type RunLimits } from './run-limits.ts';

/** Events between two checks of the run limits (the loop pays nothing per event for them). */
const LIMIT_CHECK_EVERY = 65_536;
/** Events fired after a stuck run is caught, to name the components that keep scheduling. */
const STUCK_SAMPLE = 1024;
/** Events fired per call of fire() at most (see run). */
const CHUNK = 1024;

/** What metrics and components need of the kernel: the simulated time, in seconds. */
export interface Clock {
  readonly now: number;
}

/**
 * Calls the handler of an event, on the run loop's checked path. fire() writes the same out
 * rather than calling this: a call V8 did not inline would take the arg as a double, boxed.
 */
function dispatch(handler: EventHandler, tag: number, arg: number): void {
  const small = arg | 0;
  if (small === arg && !Object.is(arg, -0)) handler.handleEvent(tag, small);
  else handler.handleEvent(tag, arg);
}

/** Wraps a closure as a handler, for cold paths (faults on a timeline, setup) only. */
class Callback implements EventHandler {
  constructor(readonly fn: () => void) {}
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
  /** 1 once stop() was called in the current run (a number: see EventQueue.hole). */
  private stopped = 0;
  private readonly streams = new Set<string>();
  /** What a run may do before it stops with a RunLimitError. */
  limits: RunLimits = DEFAULT_RUN_LIMITS;
  // The limits are checked every LIMIT_CHECK_EVERY events, when eventsFired reaches nextCheck.
  private nextCheck = LIMIT_CHECK_EVERY;
  private lastCheckNow = NaN;
  private lastCheckFired = 0;
  private firedAtInstant = 0;

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

  /**
   * Like schedule, for an event that is never cancelled: it returns no handle, so there is
   * none to box on the heap. (A per-event path hands the delay over in a field instead: see
   * postNextIn.)
   */
  post(delayS: number, handler: EventHandler, tag = 0, arg = 0): void {
    this.nextIn = delayS;
    this.postNextIn(handler, tag, arg);
  }

  /** Like at, for an event that is never cancelled: it returns no handle (see post). */
  postAt(timeS: number, handler: EventHandler, tag = 0, arg = 0): void {
    this.nextAt = timeS;
    this.postNextAt(handler, tag, arg);
  }

  // A number passed to a call V8 does not inline is boxed on the heap: an allocation per event.
  // Whether V8 inlines post into a busy handler depends on how much else that handler inlines
  // (the same code may inline it in one process and not in the next, or not after a full
  // collection). A per-event path that must not allocate sets nextIn or nextAt and calls
  // postNextIn or postNextAt, which take no double, inlined or not.

  /** The delay of the event the next postNextIn() schedules. */
  nextIn = 0;
  /** The time of the event the next postNextAt() schedules. */
  nextAt = 0;

  /** Like post(this.nextIn, handler, tag, arg). */
  postNextIn(handler: EventHandler, tag = 0, arg = 0): void {
    const delayS = this.nextIn;
    if (!(delayS >= 0)) pastDelay(delayS);
    const q = this.events;
    q.nextTime = this.now + delayS;
    q.nextArg = arg;
    q.add(handler, tag);
  }

  /** Like postAt(this.nextAt, handler, tag, arg). */
  postNextAt(handler: EventHandler, tag = 0, arg = 0): void {
    const timeS = this.nextAt;
    if (!(timeS >= this.now)) pastTime(timeS, this.now);
    const q = this.events;
    q.nextTime = timeS;
    q.nextArg = arg;
    q.add(handler, tag);
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
    const q = this.events;
    const start = this.eventsFired;
    this.stopped = 0;
    this.nextCheck = Math.min(this.nextCheck, this.eventsFired + 1);
    // The events fire in chunks, in fire(): a function entered many times, so V8 optimises
    // it as a whole. A single long loop here, entered once a run, would only ever execute as
    // on-stack-replacement code, where V8 boxes numbers that cross calls: a heap allocation
    // or more per event. A chunk ends before the event that is due a check of the limits,
    // which this loop fires itself: the checks see exactly what a check per event would.
    while (this.stopped === 0) {
      const unchecked = this.nextCheck - this.eventsFired - 1;
      if (unchecked > 0) {
        if (!this.fire(untilS, unchecked < CHUNK ? unchecked : CHUNK)) break;
      } else {
        if (!q.popBefore(untilS)) break;
        this.now = q.poppedTime;
        this.eventsFired++;
        this.checkLimits();
        dispatch(q.poppedHandler!, q.poppedTag, q.poppedArg);
      }
    }
    if (this.stopped === 0 && Number.isFinite(untilS) && untilS > this.now) this.now = untilS;
    return this.eventsFired - start;
  }

  /** Fires up to n events with time < untilS; false when none is left before untilS. */
  private fire(untilS: number, n: number): boolean {
    const q = this.events;
    for (let k = 0; k < n; k++) {
      if (this.stopped !== 0 || !q.popBefore(untilS)) return false;
      this.now = q.poppedTime;
      this.eventsFired++;
      // The arg goes to the handler as a small integer when it is one (a job id, a slot), so
      // that V8 passes it untagged-to-Smi; passed as a double, it is boxed on the heap, an
      // allocation per event, whatever its value. (-0 takes the double path, to stay -0.)
      const arg = q.poppedArg;
      const small = arg | 0;
      if (small === arg && !Object.is(arg, -0)) q.poppedHandler!.handleEvent(q.poppedTag, small);
      else q.poppedHandler!.handleEvent(q.poppedTag, arg);
    }
    return true;
  }

  /**
   * The run's limits, checked every LIMIT_CHECK_EVERY events (and when a run starts) rather
   * than per event. Time never goes backwards, so when the clock reads the same at two
   * checks every event between them fired at that one instant.
   */
  private checkLimits(): void {
    const { maxEvents, maxEventsAtInstant, maxPendingEvents } = this.limits;
    const fired = this.eventsFired;
    if (fired > maxEvents) {
      throw new RunLimitError(
        `the run used its budget of ${formatCount(maxEvents)} events by ${formatDuration(this.now)} of simulated time; shorten --duration or lower the load, or raise ${RUN_LIMIT_FLAGS.maxEvents}`,
      );
    }
    if (this.now === this.lastCheckNow) {
      this.firedAtInstant += fired - this.lastCheckFired;
      if (this.firedAtInstant >= maxEventsAtInstant) this.stuck();
    } else {
      this.firedAtInstant = 0;
    }
    if (this.events.size > maxPendingEvents) {
      throw new RunLimitError(
        `${formatCount(this.events.size)} events are scheduled at once at ${formatDuration(this.now)} of simulated time, more than the limit of ${formatCount(maxPendingEvents)}; the model schedules events faster than they fire (a load far above capacity?); lower the load, or raise ${RUN_LIMIT_FLAGS.maxPendingEvents}`,
      );
    }
    this.lastCheckNow = this.now;
    this.lastCheckFired = fired;
    this.nextCheck = Math.min(fired + LIMIT_CHECK_EVERY, maxEvents + 1);
  }

  /** Names the handlers of this event and the next ones (the run is abandoned anyway) and throws. */
  private stuck(): never {
    const at = this.now;
    const counts = new Map<string, number>();
    const q = this.events;
    // The event being fired has not been handled yet: it is the first sample.
    let h: EventHandler | null = q.poppedHandler;
    let tag = q.poppedTag;
    let arg = q.poppedArg;
    for (let i = 0; h && i < STUCK_SAMPLE; i++) {
      const name = handlerName(h);
      counts.set(name, (counts.get(name) ?? 0) + 1);
      try {
        h.handleEvent(tag, arg);
      } catch {
        break;
      }
      if (!q.popBefore(Infinity) || q.poppedTime !== at) break;
      h = q.poppedHandler;
      tag = q.poppedTag;
      arg = q.poppedArg;
    }
    const names = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([n]) => n);
    const who = names.length ? `: ${names.slice(0, 3).join(', ')} keep${names.length === 1 ? 's' : ''} scheduling events with zero delay` : '';
    throw new RunLimitError(
      `simulated time stopped advancing at ${formatDuration(at)}: ${formatCount(this.firedAtInstant)} events in a row fired at that instant${who}; fix the model (a loop needs a delay or an end), or raise ${RUN_LIMIT_FLAGS.maxEventsAtInstant}`,
    );
  }

  /** Ends the current `run` after the event being handled. */
  stop(): void {
    this.stopped = 1;
  }

  /** Checks the pending-events limit (a build may schedule much) before the first event. */
  checkPending(): void {
    if (this.events.size > this.limits.maxPendingEvents) {
      throw new RunLimitError(
        `the model scheduled ${formatCount(this.events.size)} events before the run started, more than the limit of ${formatCount(this.limits.maxPendingEvents)}; raise ${RUN_LIMIT_FLAGS.maxPendingEvents}`,
      );
    }
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

/** A handler as a person finds it in the model: its class, its name if it has one. */
function handlerName(h: EventHandler): string {
  if (h instanceof Callback) return `a callback${h.fn.name ? ` (${h.fn.name})` : ''}`;
  const cls = (h as { constructor?: { name?: string } }).constructor?.name || 'an event handler';
  const name = (h as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? `${cls} '${name}'` : cls;
}
