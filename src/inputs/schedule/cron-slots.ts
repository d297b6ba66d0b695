import { CronExpression } from './cron.ts';
import type { Schedule } from './schedule-entry.ts';

/** The instant simulated time 0 stands for when a model replays a schedule: Monday 2024-01-01 00:00:00 UTC. */
export const SCHEDULE_EPOCH_S = Date.UTC(2024, 0, 1) / 1000;

/**
 * The runs of a schedule's jobs as a RecurringScheduler reads them: run k of job i is the
 * k-th time entry i's cron expression fires at or after `startEpochS`, in seconds of
 * simulated time. Runs are computed once per distinct expression, up to `horizonS`.
 */
export class CronSlots {
  private readonly runs: Float64Array[];

  constructor(readonly schedule: Schedule, horizonS: number, startEpochS = SCHEDULE_EPOCH_S) {
    const byKey = new Map<string, Float64Array>();
    this.runs = schedule.entries.map((e) => {
      const key = `${e.mode}\0${e.timeZone}\0${e.cron}`;
      let r = byKey.get(key);
      if (!r) {
        r = Float64Array.from(new CronExpression(e.cron, e.timeZone, e.mode).runsBetween(startEpochS, startEpochS + horizonS), (t) => t - startEpochS);
        byKey.set(key, r);
      }
      return r;
    });
  }

  get jobs(): number {
    return this.runs.length;
  }

  /** Run k of job i, seconds of simulated time; Infinity when it has no run k within the horizon. */
  slotS(i: number, k: number): number {
    return this.runs[i]![k] ?? Infinity;
  }
}
