import { CronExpression } from './cron.ts';
import type { Schedule } from './schedule-entry.ts';

export type HerdKind = 'hourly' | 'daily' | 'once';

/** Jobs that start in the same second, every hour, every day, or once in the window. */
export interface Herd {
  readonly kind: HerdKind;
  /** Seconds after the hour (hourly), after local midnight (daily), or after the window's start (once). */
  readonly offsetS: number;
  readonly jobs: number;
  /** Names of the jobs, in file order. */
  readonly names: readonly string[];
}

export interface HerdOptions {
  /** Epoch second the window starts (local midnight of its first day). */
  readonly fromEpochS: number;
  /** @default 7 */
  readonly days?: number;
}

export interface HerdReport {
  readonly fromEpochS: number;
  readonly days: number;
  readonly jobs: number;
  /** Every pattern with its job count, largest first (hourly before daily before once on ties). */
  readonly herds: readonly Herd[];
  /** Job starts per second over the window, the busiest first: [offset from the window's start, jobs]. */
  readonly busiest: readonly (readonly [number, number])[];
  readonly starts: number;
}

const KIND_ORDER: Record<HerdKind, number> = { hourly: 0, daily: 1, once: 2 };

/**
 * Where a schedule's jobs start together. Every entry's runs in the window are split into
 * the seconds of the hour at which it runs in every hour of the window (hourly), then, of its
 * other runs, the seconds of the day at which it runs on every day (daily), then the rest
 * (once, at a given instant). Adding these up over the entries gives, for example, "1,240
 * jobs start at :00:00 every hour; 310 at 00:00:00 every day": the herds a scheduler will
 * release, found from the schedule alone. Entries with the same expression and zone are
 * evaluated once.
 */
export function findHerds(schedule: Schedule, opts: HerdOptions): HerdReport {
  const days = opts.days ?? 7;
  const from = opts.fromEpochS;
  const windowS = days * 86400;
  const hours = days * 24;
  const groups = new Map<string, number[]>();
  schedule.entries.forEach((e, i) => {
    const key = `${e.mode}\0${e.timeZone}\0${e.cron}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const herds = new Map<string, { kind: HerdKind; offsetS: number; jobs: number; names: string[] }>();
  const add = (kind: HerdKind, offsetS: number, members: readonly number[]) => {
    const key = `${kind}:${offsetS}`;
    let h = herds.get(key);
    if (!h) herds.set(key, (h = { kind, offsetS, jobs: 0, names: [] }));
    h.jobs += members.length;
    for (const i of members) h.names.push(schedule.entries[i]!.name);
  };
  const perSecond = new Map<number, number>();
  let starts = 0;
  for (const members of groups.values()) {
    const e = schedule.entries[members[0]!]!;
    const runs = new CronExpression(e.cron, e.timeZone, e.mode).runsBetween(from, from + windowS).map((t) => Math.round(t - from));
    starts += runs.length * members.length;
    for (const r of runs) perSecond.set(r, (perSecond.get(r) ?? 0) + members.length);
    const byHourSecond = countBy(runs, (r) => r % 3600);
    const hourly = new Set([...byHourSecond].filter(([, c]) => c === hours).map(([s]) => s));
    const rest = runs.filter((r) => !hourly.has(r % 3600));
    const byDaySecond = countBy(rest, (r) => r % 86400);
    const daily = new Set([...byDaySecond].filter(([, c]) => c === days).map(([s]) => s));
    for (const s of [...hourly].sort((a, b) => a - b)) add('hourly', s, members);
    for (const s of [...daily].sort((a, b) => a - b)) add('daily', s, members);
    for (const r of rest) if (!daily.has(r % 86400)) add('once', r, members);
  }
  const list = [...herds.values()].sort((a, b) => b.jobs - a.jobs || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.offsetS - b.offsetS);
  const busiest = [...perSecond].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 5);
  return { fromEpochS: from, days, jobs: schedule.entries.length, herds: list, busiest, starts };
}

function countBy(xs: readonly number[], key: (x: number) => number): Map<number, number> {
  const m = new Map<number, number>();
  for (const x of xs) {
    const k = key(x);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}
