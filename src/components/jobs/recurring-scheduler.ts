import { EventQueue, type EventHandler } from '../../kernel/event-queue.ts';
import type { Rng } from '../../kernel/rng.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { JobSink } from './job-sink.ts';

/** Where a scheduler's runs fall, when not one per period: a schedule file's cron entries (CronSlots). */
export interface RunSlots {
  readonly jobs: number;
  /** Run k of job i in seconds of simulated time, before jitter; Infinity when there is none. */
  slotS(i: number, k: number): number;
}

export interface RecurringSchedulerOptions {
  /** Names the random stream and the counter `<name>_runs`. */
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
 * The runs wait in the scheduler's own heap, with one kernel event for the earliest: thousands
 * of pending runs would otherwise deepen the kernel's heap for every other event of the run.
 * Runs due at the same instant happen in the order they were scheduled.
 */
export class RecurringScheduler implements EventHandler {
  readonly runs: Counter;
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
  private readonly slots: RunSlots | null;
  private wakeAt = Infinity;

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
    this.rng = env.sim.rng(opts.name);
    this.type = env.jobs.typeId(opts.type ?? 'recurring');
    this.phase = new Float64Array(this.slots ? 0 : jobs);
    this.k = new Int32Array(jobs);
    this.due = new EventQueue(Math.max(16, jobs));
    const now = env.sim.now;
    if (!this.slots) for (let i = 0; i < jobs; i++) this.phase[i] = now + this.rng.next() * this.periodS;
    for (let i = 0; i < jobs; i++) this.scheduleRun(i, now);
    this.wake();
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
    while (this.due.peekTime() <= sim.now) {
      this.due.pop();
      const i = this.due.poppedArg;
      this.runs.add();
      const job = jobs.create(sim.now, this.type);
      this.k[i]!++;
      this.scheduleRun(i, sim.now);
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
        return;
      }
      this.k[i]!++;
    }
  }

  /** Keeps one kernel event, at the earliest pending run. */
  private wake(): void {
    const t = this.due.peekTime();
    if (t < this.wakeAt) {
      this.env.sim.at(t, this);
      this.wakeAt = t;
    }
  }
}
