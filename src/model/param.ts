import { InputError } from '../input-error.ts';
import { formatDuration, parseDuration } from '../kernel/duration.ts';
import { parseDistribution } from '../kernel/distributions/parse-distribution.ts';
import { formatRate, parseRate } from '../kernel/rate.ts';
import { parseArrivals } from '../inputs/arrivals.ts';
import { parseBacklog } from '../inputs/backlog.ts';
import { parseScheduleParam } from '../inputs/schedule/schedule-param.ts';

export type ParamKind = 'int' | 'number' | 'duration' | 'rate' | 'bool' | 'choice' | 'distribution' | 'arrivals' | 'backlog' | 'schedule';

/**
 * One model parameter. The same declaration feeds `sim run <model> --help`, `sim describe`,
 * flag validation and the `params` block of summary.json, so its text is written once.
 */
export interface ParamSpec<T> {
  readonly kind: ParamKind;
  readonly default: T;
  readonly description: string;
  /** Unit of the value as the model receives it: seconds for durations, per second for rates. */
  readonly unit: string;
  readonly min?: number;
  readonly max?: number;
  /** For int: `unlimited` (or `inf`) is allowed and means Infinity. */
  readonly unlimited?: boolean;
  readonly choices?: readonly string[];
}

export type AnyParamSpec = ParamSpec<number> | ParamSpec<boolean> | ParamSpec<string>;
export type ParamSpecs = Record<string, AnyParamSpec>;
export type ParamValues<P extends ParamSpecs> = { -readonly [K in keyof P]: P[K] extends ParamSpec<infer T> ? T : never };
export type ParamJson = number | string | boolean;

export interface NumericOptions<D> {
  default: D;
  description: string;
  unit?: string;
  min?: number;
  max?: number;
}

export const param = {
  /** A whole number. `unlimited: true` also accepts `unlimited` (Infinity). */
  int(o: NumericOptions<number> & { unlimited?: boolean }): ParamSpec<number> {
    return { kind: 'int', unit: '', ...o };
  },
  number(o: NumericOptions<number>): ParamSpec<number> {
    return { kind: 'number', unit: '', ...o };
  },
  /** Seconds; accepts `250ms`, `15m`, `1h30m`, `2d` or a plain number of seconds. */
  duration(o: NumericOptions<number | string>): ParamSpec<number> {
    return { kind: 'duration', unit: 's', ...o, default: parseDuration(o.default, 'default') };
  },
  /** Per second; accepts `100/s`, `30/m`, `5000/h` or a plain number per second. */
  rate(o: NumericOptions<number | string>): ParamSpec<number> {
    return { kind: 'rate', unit: '/s', ...o, default: parseRate(o.default, 'default') };
  },
  bool(o: { default: boolean; description: string }): ParamSpec<boolean> {
    return { kind: 'bool', unit: '', ...o };
  },
  choice<const C extends readonly string[]>(o: { choices: C; default: C[number]; description: string }): ParamSpec<C[number]> {
    return { kind: 'choice', unit: '', ...o };
  },
  /** A distribution spec such as `exp(100ms)`; the value is its canonical text. */
  distribution(o: { default: string; description: string; unit?: string }): ParamSpec<string> {
    return { kind: 'distribution', unit: 's', ...o, default: parseDistribution(o.default, 'default').toString() };
  },
  /**
   * Where jobs come from: a Poisson rate (`100/s`), a rate that varies in time
   * (`40/s; 20s: 80/s; 25s: 40/s`, ramps `1m: 40/s -> 80/s`, `repeat 1h`, `daily 100/s: <24 weights>`),
   * a renewal process (`every uniform(1s, 3s)`) or a trace replayed at exact times
   * (`trace:requests.csv,column=ts`). Build it with createArrivals (components) or
   * arrivalTimes (a process `source`). The value is its canonical text.
   */
  arrivals(o: { default: string; description: string }): ParamSpec<string> {
    return { kind: 'arrivals', unit: '', ...o, default: parseArrivals(o.default, 'default').text };
  },
  /**
   * Jobs already waiting when the run starts: `6000`, `6000@uniform(0s, 12h)` or
   * `csv:queue.csv` (enqueue times); place them with InitialBacklog. The value is its canonical text.
   */
  backlog(o: { default?: string; description: string }): ParamSpec<string> {
    return { kind: 'backlog', unit: '', ...o, default: parseBacklog(o.default ?? '0', 'default').text };
  },
  /**
   * A schedule file of recurring jobs (crontab, Sidekiq-cron YAML or Kubernetes CronJob
   * manifests), or `none`; read it with readScheduleFile. The value is the path as given.
   */
  schedule(o: { description: string }): ParamSpec<string> {
    return { kind: 'schedule', unit: '', ...o, default: 'none' };
  },
};

/** camelCase key -> kebab-case flag name. */
export function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Parses a user's value (a flag's text, or a YAML scalar) for one parameter. */
export function parseParam(spec: AnyParamSpec, raw: unknown, flag: string): number | boolean | string {
  const what = `--${flag}`;
  if (Array.isArray(raw)) throw new InputError(`${what} was given more than once; give it once`);
  switch (spec.kind) {
    case 'bool': {
      if (raw === true || raw === 'true' || raw === 'yes' || raw === 'on' || raw === '1' || raw === 1) return true;
      if (raw === false || raw === 'false' || raw === 'no' || raw === 'off' || raw === '0' || raw === 0) return false;
      throw new InputError(`${what}: '${String(raw)}' is not a boolean; use true or false`);
    }
    case 'choice': {
      const s = String(raw);
      if (!spec.choices!.includes(s)) throw new InputError(`${what}: '${s}' is not allowed; use one of ${spec.choices!.join(', ')}`);
      return s;
    }
    case 'distribution': {
      if (typeof raw !== 'string' && typeof raw !== 'number') throw new InputError(`${what}: expected a distribution such as exp(100ms)`);
      return parseDistribution(raw, what).toString();
    }
    case 'arrivals':
      return parseArrivals(scalar(raw, what), what).text;
    case 'backlog':
      return parseBacklog(scalar(raw, what), what).text;
    case 'schedule':
      return parseScheduleParam(String(scalar(raw, what)), what);
    case 'duration':
      return checkRange(spec, parseDuration(scalar(raw, what), what), what, formatDuration);
    case 'rate':
      return checkRange(spec, parseRate(scalar(raw, what), what), what, formatRate);
    case 'int':
    case 'number': {
      const s = scalar(raw, what);
      if (spec.unlimited && (s === 'unlimited' || s === 'inf' || s === 'Infinity' || s === Infinity)) return Infinity;
      const n = typeof s === 'number' ? s : s.trim() === '' ? NaN : Number(s);
      const allowed = spec.kind === 'int' ? `a whole number${spec.unlimited ? " or 'unlimited'" : ''}` : 'a number';
      if (!Number.isFinite(n) || (spec.kind === 'int' && !Number.isInteger(n))) {
        throw new InputError(`${what}: '${String(raw)}' is not ${allowed}`);
      }
      return checkRange(spec, n, what, String);
    }
  }
}

function scalar(raw: unknown, what: string): string | number {
  if (typeof raw === 'number' || typeof raw === 'string') return raw;
  // A flag given without its value (`--servers --seed 2`) reaches here as true.
  if (raw === true) throw new InputError(`${what} needs a value, e.g. ${what} 12`);
  throw new InputError(`${what}: expected a value, got ${raw === undefined ? 'nothing' : typeof raw}`);
}

function checkRange(spec: AnyParamSpec, v: number, what: string, fmt: (n: number) => string): number {
  if (spec.min !== undefined && v < spec.min) throw new InputError(`${what}: ${fmt(v)} is below the minimum ${fmt(spec.min)}${rangeText(spec, fmt)}`);
  if (spec.max !== undefined && v > spec.max) throw new InputError(`${what}: ${fmt(v)} is above the maximum ${fmt(spec.max)}${rangeText(spec, fmt)}`);
  return v;
}

function rangeText(spec: AnyParamSpec, fmt: (n: number) => string): string {
  const lo = spec.min !== undefined ? fmt(spec.min) : '';
  const hi = spec.max !== undefined ? fmt(spec.max) : spec.unlimited ? 'unlimited' : '';
  return ` (allowed: ${lo}..${hi})`;
}

/** The value as summary.json and CSV show it: numbers in the spec's unit, `unlimited` for Infinity. */
export function paramJson(v: number | boolean | string): ParamJson {
  return typeof v === 'number' && !Number.isFinite(v) ? 'unlimited' : v;
}

/** The value as a person writes it: `15m`, `90/s`, `unlimited`. */
export function formatParam(spec: AnyParamSpec, v: number | boolean | string): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'unlimited';
    if (spec.kind === 'duration') return formatDuration(v);
    if (spec.kind === 'rate') return formatRate(v);
    // 12 significant digits drop float noise (5.106249999999999) and keep every real digit.
    return String(Number(v.toPrecision(12)));
  }
  return String(v);
}

/** How a parameter's allowed values read in help text. */
export function allowedText(spec: AnyParamSpec): string {
  switch (spec.kind) {
    case 'bool':
      return 'true|false';
    case 'choice':
      return spec.choices!.join('|');
    case 'distribution':
      return 'distribution, e.g. exp(100ms)';
    case 'arrivals':
      return "rate (100/s), schedule ('40/s; 20s: 80/s'), every DIST or trace:PATH";
    case 'backlog':
      return 'N, N@AGE or csv:PATH';
    case 'schedule':
      return 'none or a schedule file';
    default: {
      const fmt = spec.kind === 'duration' ? formatDuration : spec.kind === 'rate' ? formatRate : String;
      const lo = spec.min !== undefined ? fmt(spec.min) : '';
      const hi = spec.max !== undefined ? fmt(spec.max) : spec.unlimited ? 'unlimited' : '';
      const kind = { int: 'integer', number: 'number', duration: 'duration', rate: 'rate' }[spec.kind];
      return lo || hi ? `${kind} ${lo}..${hi}` : kind;
    }
  }
}
