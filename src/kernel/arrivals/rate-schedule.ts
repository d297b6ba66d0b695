import { InputError } from '../../input-error.ts';
import { formatDuration, parseDuration } from '../duration.ts';
import { formatRate, parseRate } from '../rate.ts';

/** One piece of a schedule: from `startS`, the rate goes linearly from `fromPerS` to `toPerS` by the next piece's start. */
export interface RateSegment {
  readonly startS: number;
  readonly fromPerS: number;
  readonly toPerS: number;
}

export const RATE_SCHEDULE_FORMS =
  "a rate ('40/s'); steps ('40/s; 20s: 80/s; 25s: 40/s'); ramps ('0/s; 1m: 0/s -> 100/s; 5m: 100/s'); " +
  "a repeating pattern ('...; repeat 1h'); a daily curve ('daily 100/s: <24 hourly weights>')";

const HOURS = 24;

/**
 * An arrival rate that varies with simulated time: piecewise linear (steps and ramps),
 * optionally repeating with a period (an hourly burst, a daily curve). Rates are per second,
 * times in seconds from the start of the run.
 *
 * Text forms (`RATE_SCHEDULE_FORMS`), entries separated by `;`:
 * - `40/s` — a constant rate;
 * - `40/s; 20s: 80/s; 25s: 40/s` — steps: 40/s until 20 s, 80/s until 25 s, then 40/s;
 * - `1m: 40/s -> 100/s; 5m: 100/s` — a ramp: from 40/s at 1 m rising linearly to 100/s at 5 m;
 * - `...; repeat 1h` — the pattern repeats every hour (times are within the period);
 * - `daily 100/s: w0 w1 ... w23` — hour h of each day runs at 100/s × w_h (24 weights).
 * Before the first entry's time the rate is 0; after the last it stays at the last rate.
 */
export class RateSchedule {
  /** Pattern length, seconds; Infinity when it does not repeat. */
  readonly periodS: number;
  readonly segments: readonly RateSegment[];
  /** For the daily form: the peak rate and the 24 weights it was written with. */
  private readonly daily: { peakPerS: number; weights: readonly number[] } | null;

  constructor(segments: readonly RateSegment[], periodS = Infinity, daily: { peakPerS: number; weights: readonly number[] } | null = null) {
    if (segments.length === 0) throw new RangeError('a rate schedule needs at least one segment');
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i]!;
      if (!(s.startS >= 0 && s.fromPerS >= 0 && s.toPerS >= 0 && Number.isFinite(s.fromPerS) && Number.isFinite(s.toPerS))) throw new RangeError(`segment ${i}: times and rates must be finite and >= 0`);
      if (i > 0 && !(s.startS > segments[i - 1]!.startS)) throw new RangeError(`segment ${i}: start times must increase`);
    }
    const last = segments[segments.length - 1]!;
    if (periodS !== Infinity && !(periodS > last.startS)) throw new RangeError(`the period must be longer than the last entry's time`);
    if (periodS === Infinity && last.fromPerS !== last.toPerS) throw new RangeError('the last entry cannot ramp: there is no time for it to reach its target');
    this.segments = segments;
    this.periodS = periodS;
    this.daily = daily;
  }

  /** The same shape at `factor` times the rate (a load scale). */
  scaled(factor: number): RateSchedule {
    if (!(factor >= 0 && Number.isFinite(factor))) throw new RangeError(`a rate schedule's scale must be a finite number >= 0, got ${factor}`);
    const segments = this.segments.map((s) => ({ startS: s.startS, fromPerS: s.fromPerS * factor, toPerS: s.toPerS * factor }));
    const daily = this.daily === null ? null : { peakPerS: this.daily.peakPerS * factor, weights: this.daily.weights };
    return new RateSchedule(segments, this.periodS, daily);
  }

  /** The rate at time `tS`, per second. */
  rateAt(tS: number): number {
    const tau = this.periodS === Infinity ? tS : tS - Math.floor(tS / this.periodS) * this.periodS;
    const k = this.segmentAt(tau);
    if (k < 0) return 0;
    const s = this.segments[k]!;
    return s.fromPerS + this.slope(k) * (tau - s.startS);
  }

  /** Arrivals expected in [fromS, toS): the integral of the rate. */
  integral(fromS: number, toS: number): number {
    return this.cumulative(toS) - this.cumulative(fromS);
  }

  /** End of segment k within the period (the next start, or the period's end). */
  segmentEnd(k: number): number {
    return k + 1 < this.segments.length ? this.segments[k + 1]!.startS : this.periodS;
  }

  /** Rate change per second within segment k (0 for a step). */
  slope(k: number): number {
    const s = this.segments[k]!;
    if (s.fromPerS === s.toPerS) return 0;
    return (s.toPerS - s.fromPerS) / (this.segmentEnd(k) - s.startS);
  }

  /** The last segment starting at or before `tau` (a time within the period), or -1 before the first. */
  segmentAt(tau: number): number {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    if (tau < segs[0]!.startS) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.startS <= tau) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Arrivals expected in [0, tS). */
  private cumulative(tS: number): number {
    if (this.periodS === Infinity) return this.withinPeriod(tS);
    const cycles = Math.floor(tS / this.periodS);
    return cycles * this.withinPeriod(this.periodS) + this.withinPeriod(tS - cycles * this.periodS);
  }

  private withinPeriod(tau: number): number {
    let total = 0;
    for (let k = 0; k < this.segments.length; k++) {
      const s = this.segments[k]!;
      if (s.startS >= tau) break;
      const end = Math.min(tau, this.segmentEnd(k));
      const len = end - s.startS;
      total += s.fromPerS * len + (this.slope(k) * len * len) / 2;
    }
    return total;
  }

  toString(): string {
    if (this.daily !== null) return `daily ${formatRate(this.daily.peakPerS)}: ${this.daily.weights.map((w) => +w.toPrecision(12)).join(' ')}`;
    const parts = this.segments.map((s, i) => {
      const rate = s.fromPerS === s.toPerS ? formatRate(s.fromPerS) : `${formatRate(s.fromPerS)} -> ${formatRate(s.toPerS)}`;
      return i === 0 && s.startS === 0 ? rate : `${formatDuration(s.startS)}: ${rate}`;
    });
    if (this.periodS !== Infinity) parts.push(`repeat ${formatDuration(this.periodS)}`);
    return parts.join('; ');
  }

  /** Reads a schedule (`RATE_SCHEDULE_FORMS`); `what` names the flag or field in errors. */
  static parse(text: string | number, what = 'rate schedule'): RateSchedule {
    if (typeof text === 'number') {
      const r = parseRate(text, what);
      return new RateSchedule([{ startS: 0, fromPerS: r, toPerS: r }]);
    }
    const src = text.trim();
    const bad = (msg: string): never => {
      throw new InputError(`${what}: ${msg} in '${src}'; forms: ${RATE_SCHEDULE_FORMS}`);
    };
    const daily = /^daily\s+([^:]+):(.*)$/s.exec(src);
    if (daily) return parseDaily(daily[1]!.trim(), daily[2]!, what, bad);
    const entries = src.split(';').map((e) => e.trim());
    if (entries.some((e) => e === '')) bad('an empty entry (two semicolons, or one at the end)');
    let periodS = Infinity;
    const lastEntry = entries[entries.length - 1]!;
    if (/^repeat\b/.test(lastEntry)) {
      periodS = parseDuration(lastEntry.slice('repeat'.length).trim() || 'missing', `${what}: repeat`);
      if (!(periodS > 0)) bad('repeat needs a period longer than 0');
      entries.pop();
      if (entries.length === 0) bad('repeat needs entries before it');
    }
    const segs: { startS: number; fromPerS: number; toPerS: number | null }[] = [];
    for (const [i, entry] of entries.entries()) {
      const colon = entry.indexOf(':');
      const startS = colon >= 0 ? parseDuration(entry.slice(0, colon).trim(), `${what}: entry ${i + 1} time`) : i === 0 ? 0 : bad(`entry ${i + 1} ('${entry}') needs a time, e.g. '20s: 80/s'`);
      const body = colon >= 0 ? entry.slice(colon + 1).trim() : entry;
      const [from, to, extra] = body.split('->').map((x) => x.trim());
      if (extra !== undefined) bad(`entry ${i + 1} ('${entry}') has more than one '->'`);
      const fromPerS = parseRate(from ?? '', `${what}: entry ${i + 1} rate`);
      const toPerS = to === undefined ? null : parseRate(to, `${what}: entry ${i + 1} ramp target`);
      if (segs.length > 0 && !(startS > segs[segs.length - 1]!.startS)) bad(`entry ${i + 1} starts at ${formatDuration(startS)}, not after the entry before it`);
      if (periodS !== Infinity && !(startS < periodS)) bad(`entry ${i + 1} starts at ${formatDuration(startS)}, not within the repeat period ${formatDuration(periodS)}`);
      segs.push({ startS, fromPerS, toPerS });
    }
    const last = segs[segs.length - 1]!;
    if (last.toPerS !== null && last.toPerS !== last.fromPerS && periodS === Infinity) bad(`the last entry ramps to ${formatRate(last.toPerS)} but nothing says when it gets there; add an entry after it (e.g. '10m: ${formatRate(last.toPerS)}')`);
    return new RateSchedule(
      segs.map((s) => ({ startS: s.startS, fromPerS: s.fromPerS, toPerS: s.toPerS ?? s.fromPerS })),
      periodS,
    );
  }
}

function parseDaily(peak: string, body: string, what: string, bad: (msg: string) => never): RateSchedule {
  const peakPerS = parseRate(peak, `${what}: daily rate`);
  const words = body.split(/[\s,]+/).filter((w) => w !== '');
  if (words.length !== HOURS) bad(`daily needs ${HOURS} hourly weights (hour 0 to hour 23), got ${words.length}`);
  const weights = words.map((w, h) => {
    const x = Number(w);
    if (!(Number.isFinite(x) && x >= 0)) bad(`daily weight for hour ${h} ('${w}') must be a number >= 0`);
    return x;
  });
  const segments = weights.map((w, h) => ({ startS: h * 3600, fromPerS: peakPerS * w, toPerS: peakPerS * w }));
  return new RateSchedule(segments, HOURS * 3600, { peakPerS, weights });
}
