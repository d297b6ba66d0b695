import { createRequire } from 'node:module';

/**
 * Cron expressions through croner (`Cron`), a dependency-free, well-maintained evaluator:
 * Vixie cron's rule that a restricted day-of-month and day-of-week match either (OR), names
 * (MON, JAN), steps and ranges, optional seconds, and time zones with defined behaviour at
 * daylight-saving changes (a fixed-time job in a skipped hour runs once after the gap and once
 * in a repeated hour). It is loaded on first use: only schedules need it.
 */
const load = createRequire(import.meta.url);

interface CronLike {
  nextRun(prev?: Date): Date | null;
}
type CronCtor = new (pattern: string, options: Record<string, unknown>) => CronLike;
let CronClass: CronCtor | null = null;

function cronClass(): CronCtor {
  CronClass ??= (load('croner') as { Cron: CronCtor }).Cron;
  return CronClass;
}

/** `5-part` for crontabs and Kubernetes; `5-or-6-parts` (seconds first) for Sidekiq-cron. */
export type CronMode = '5-part' | '5-or-6-parts';

/** A compiled cron expression in a time zone, with its runs computed once per window. */
export class CronExpression {
  private readonly cron: CronLike;
  /** Epoch seconds of runs found so far, from `fromS` on; `doneToS` is how far they are complete. */
  private runs: number[] = [];
  private fromS = NaN;
  private doneToS = NaN;

  constructor(readonly pattern: string, readonly timeZone: string, mode: CronMode) {
    this.cron = new (cronClass())(pattern, zoneOptions(pattern, timeZone, mode));
  }

  /** Epoch seconds of every run in [fromS, toS), ascending. */
  runsBetween(fromS: number, toS: number): number[] {
    if (this.fromS !== fromS) {
      this.fromS = fromS;
      this.doneToS = fromS;
      this.runs = [];
    }
    if (toS > this.doneToS) {
      // nextRun is strictly after its argument; start one millisecond before fromS.
      let d: Date | null = new Date(Math.max(fromS, this.doneToS) * 1000 - 1);
      for (;;) {
        d = this.cron.nextRun(d);
        if (d === null) break;
        const t = d.getTime() / 1000;
        if (t >= toS) break;
        if (t >= this.doneToS) this.runs.push(t);
      }
      this.doneToS = toS;
    }
    if (toS === this.doneToS) return this.runs;
    return this.runs.filter((t) => t < toS);
  }
}

/** Why a pattern is not a cron expression croner reads, or null if it is. */
export function cronError(pattern: string, timeZone: string, mode: CronMode): string | null {
  try {
    new (cronClass())(pattern, zoneOptions(pattern, timeZone, mode));
    return null;
  } catch (e) {
    return e instanceof Error ? e.message.replace(/^CronPattern: /, '') : String(e);
  }
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Zulu', 'Etc/Zulu']);

/** croner's options; UTC as a fixed offset, which croner evaluates about 4× faster than a named zone. */
function zoneOptions(_pattern: string, timeZone: string, mode: CronMode): Record<string, unknown> {
  const zone = UTC_NAMES.has(timeZone) ? { utcOffset: 0 } : { timezone: timeZone };
  return { ...zone, mode, paused: true, legacyMode: true };
}

/** True for an IANA time zone name this Node.js knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
