import { EventQueue, type EventHandler } from '../../kernel/event-queue.ts';
import type { Rng } from '../../kernel/rng.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { JobSink } from './job-sink.ts';

/** Where a scheduler's runs fall, when not one per period: a schedule file's cron entries (CronSlots). */
export interface RunSlots {
  readonly jobs: number;
  /** Run k of job i in seconds of simulated time, before jitter; Infinity when there is none. */
  slotS(i: number, k: number): number;
}

export interface RecurringSchedulerOptions {
  /** Names the random stream, the counter `<name>_runs` and the gauge `<name>_scheduled`. */
  readonly name: string;
  /** Number of recurring jobs. */
  readonly jobs: number;
  /** Each job runs once per period, seconds. @default 3600 */
  readonly periodS?: number;
  /**
   * The `roundToNextHour` bug: each run's time is rounded up to the next period boundary
   * (:00:00 for an hourly period), so every job runs at the same instant. @default false
   */
  readonly roundToPeriod?: boolean;
  /** Each run moves by a uniform offset in [-jitterS, +jitterS] around its slot, seconds; at most half the period. @default 0 */
  readonly jitterS?: number;
  /**
   * Run times from elsewhere (a crontab's entries) instead of a random phase and a period:
   * `jobs`, `periodS` and `roundToPeriod` then do not apply, jitter does.
   */
  readonly slots?: RunSlots;
  /** Receives a new job (created at its run time) for every run. */
  readonly to: JobSink;
  /** Job type name of the jobs created. @default 'recurring' */
  readonly type?: string;
}

/**
 * Recurring jobs ("run again next hour"). Job i asked for its schedule at a uniformly
 * random point of the period, its phase; its k-th run is meant for phase + k * period.
 * With `roundToPeriod` each of those times is rounded up to the next boundary
 * (ceil(t / period) * period), which is what the incident's `roundToNextHour` did: every job
 * lands on :00:00. Jitter then moves each run by a fresh uniform offset in [-J, +J].
 *
 * A job's next slot follows from its previous slot, not from when the run happened or
 * finished, so a late run does not shift the schedule and jitter does not random-walk.
 * A run that would fall before the simulation start happened before it and is skipped.
 *
 * `<name>_scheduled` counts runs asked for and not yet due: the rows of a scheduled-jobs
 * table waiting for their `next_run_at`. Job i asks for its run k at its point of the hour
 * before it: with rounding at phase + k * period, the time roundToNextHour then rounds up to
 * the next :00 (so the count grows through the hour and every job is waiting just before
 * :00); without rounding one period before the run ("run in an hour"), so every job always
 * has its next run on the books, as has each entry of a schedule file. A job has one pending run (one row): it asks for the next
 * one no earlier than its last run. A run that jitter moves before its ask is due when asked
 * and is never counted.
 *
 * The runs wait in the scheduler's own heap, with one kernel event for the earliest: thousands
 * of pending runs would otherwise deepen the kernel's heap for every other event of the run.
 * Runs due at the same instant happen in the order they were scheduled.
 */
export class RecurringScheduler implements EventHandler {
  readonly runs: Counter;
  /** Runs asked for and not yet due. */
  readonly scheduled: Gauge;
  private readonly rng: Rng;
  private readonly periodS: number;
  private readonly jitterS: number;
  private readonly round: boolean;
  private readonly type: number;
  private readonly phase: Float64Array;
  /** Index of the run each job has scheduled next. */
  private readonly k: Int32Array;
  /** Pending runs: (time, order scheduled) -> job index. */
  private readonly due: EventQueue;
  /** Pending asks of runs not yet counted as scheduled: (ask time, order) -> job index. */
  private readonly asks: EventQueue;
  /** By job: 1 while its pending run is counted in `scheduled`. */
  private readonly counted: Uint8Array;
  private readonly slots: RunSlots | null;
  private wakeAt = Infinity;
  /** Runs counted as asked during the current step, added to the gauge at once. */
  private askedNow = 0;

  constructor(private readonly env: ComponentEnv, private readonly opts: RecurringSchedulerOptions) {
    this.slots = opts.slots ?? null;
    const jobs = this.slots ? this.slots.jobs : opts.jobs;
    this.periodS = opts.periodS ?? 3600;
    this.jitterS = opts.jitterS ?? 0;
    this.round = opts.roundToPeriod ?? false;
    if (!(this.periodS > 0)) throw new RangeError(`${opts.name}: period must be > 0 s, got ${this.periodS}`);
    if (!(this.jitterS >= 0 && this.jitterS <= this.periodS / 2)) {
      throw new RangeError(`${opts.name}: jitter must be between 0 and half the period (${this.periodS / 2} s), got ${this.jitterS}`);
    }
    if (!(Number.isInteger(jobs) && jobs >= 0)) throw new RangeError(`${opts.name}: jobs must be a whole number >= 0, got ${jobs}`);
    this.runs = env.metrics.counter(`${opts.name}_runs`);
    this.scheduled = env.metrics.gauge(`${opts.name}_scheduled`);
    this.rng = env.sim.rng(opts.name);
    this.type = env.jobs.typeId(opts.type ?? 'recurring');
    this.phase = new Float64Array(this.slots ? 0 : jobs);
    this.k = new Int32Array(jobs);
    this.due = new EventQueue(Math.max(16, jobs));
    this.asks = new EventQueue(Math.max(16, jobs));
    this.counted = new Uint8Array(jobs);
    const now = env.sim.now;
    if (!this.slots) for (let i = 0; i < jobs; i++) this.phase[i] = now + this.rng.next() * this.periodS;
    for (let i = 0; i < jobs; i++) this.scheduleRun(i, now);
    if (this.askedNow > 0) this.scheduled.add(this.askedNow);
    this.askedNow = 0;
    this.wake();
  }

  /** The point of the period, seconds from the start, at which job i first asked for its schedule (NaN with a schedule file). */
  phaseS(i: number): number {
    return this.slots ? NaN : this.phase[i]!;
  }

  /** When run k of job i is meant to happen, before jitter. */
  slotS(i: number, k: number): number {
    if (this.slots) return this.slots.slotS(i, k);
    const t = this.phase[i]! + k * this.periodS;
    return this.round ? Math.ceil(t / this.periodS) * this.periodS : t;
  }

  handleEvent(): void {
    const { sim, jobs } = this.env;
    this.wakeAt = Infinity;
    // Asks before runs: a run due at the instant it is asked for is counted, then due.
    let asked = 0;
    while (this.asks.peekTime() <= sim.now) {
      this.asks.pop();
      // Only asks strictly before their run are pushed, so the run is still pending.
      this.counted[this.asks.poppedArg] = 1;
      asked++;
    }
    if (asked > 0) this.scheduled.add(asked);
    while (this.due.peekTime() <= sim.now) {
      this.due.pop();
      const i = this.due.poppedArg;
      if (this.counted[i] === 1) {
        this.counted[i] = 0;
        this.scheduled.add(-1);
      }
      this.runs.add();
      const job = jobs.create(sim.now, this.type);
      this.k[i]!++;
      this.scheduleRun(i, sim.now);
      if (this.askedNow > 0) this.scheduled.add(this.askedNow);
      this.askedNow = 0;
      this.opts.to.accept(job);
    }
    this.wake();
  }

  /** Schedules job i's run k (or the first later run that is not before notBeforeS). */
  private scheduleRun(i: number, notBeforeS: number): void {
    for (;;) {
      // One uniform per run, drawn even with no jitter, so runs use the stream alike for every jitter.
      const offset = this.jitterS * (2 * this.rng.next() - 1);
      const t = this.slotS(i, this.k[i]!) + offset;
      if (t === Infinity) return;
      if (t >= notBeforeS) {
        this.due.push(t, this, 0, i);
        this.scheduleAsk(i, t, notBeforeS);
        return;
      }
      this.k[i]!++;
    }
  }

  /** Counts job i's run at time runS as scheduled from its ask on (now, if already asked). */
  private scheduleAsk(i: number, runS: number, nowS: number): void {
    // A schedule file's entry has its next run on the books from its last run on.
    const slot = this.slots ? -Infinity : this.slotS(i, this.k[i]!);
    const askS = this.slots ? -Infinity : this.round ? this.phase[i]! + this.k[i]! * this.periodS : slot - this.periodS;
    if (!(askS < runS)) return;
    if (askS <= nowS) {
      this.counted[i] = 1;
      this.askedNow++;
      return;
    }
    this.asks.push(askS, this, 0, i);
  }

  /** Keeps one kernel event, at the earliest pending ask or run. */
  private wake(): void {
    const t = Math.min(this.due.peekTime(), this.asks.peekTime());
    if (t < this.wakeAt) {
      this.env.sim.at(t, this);
      this.wakeAt = t;
    }
  }
}
