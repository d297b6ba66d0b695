import { ArrivalProcess } from '../components/jobs/arrival-process.ts';
import type { ComponentEnv } from '../components/component-env.ts';
import type { JobSink } from '../components/jobs/job-sink.ts';
import { InputError } from '../input-error.ts';
import { Exponential } from '../kernel/distributions/exponential.ts';
import type { ArrivalTimes } from '../kernel/arrivals/arrival-times.ts';
import { arrivalTimesFormsText, parseArrivalTimes } from '../kernel/arrivals/parse-arrival-times.ts';
import { PoissonArrivals } from '../kernel/arrivals/poisson-arrivals.ts';
import { RateSchedule } from '../kernel/arrivals/rate-schedule.ts';
import { ReplayedArrivals } from '../kernel/arrivals/replayed-arrivals.ts';
import { formatRate, parseRate } from '../kernel/rate.ts';
import type { Counter } from '../metrics/counter.ts';
import { TraceArrivals } from './trace-arrivals.ts';
import { loadTrace, parseTraceSpec, type TraceSpec } from './trace-source.ts';

/** The forms an arrivals parameter takes, for help text and errors. */
export const ARRIVALS_FORMS = `a Poisson rate (100/s, 5000/h); ${arrivalTimesFormsText()}; or a trace to replay (trace:PATH[,column=NAME][,type=NAME][,epoch=s|ms|us][,start=TIME])`;

export type ArrivalsSpec =
  | { readonly kind: 'rate'; readonly perS: number; readonly text: string }
  | { readonly kind: 'times'; readonly times: ArrivalTimes; readonly text: string }
  | ({ readonly kind: 'trace' } & TraceSpec);

// Text that is a rate schedule or another ArrivalTimes form rather than one plain rate.
const TIMES_FORM = /[;>]|^\s*(daily|every)\s|:/;

/**
 * Reads an arrivals spec: a rate (a Poisson stream) or `trace:PATH,...` (exact times replayed
 * from a CSV file; see parseTraceSpec). A trace is read at once, so a bad file fails before
 * anything runs.
 */
export function parseArrivals(raw: string | number, what = 'arrivals'): ArrivalsSpec {
  if (typeof raw === 'string' && raw.trim().startsWith('trace:')) {
    const spec = parseTraceSpec(raw.trim(), what);
    loadTrace(spec);
    return { kind: 'trace', ...spec };
  }
  if (typeof raw === 'string' && /^[a-z]+:/.test(raw.trim())) {
    throw new InputError(`${what}: unknown arrivals form '${raw}'; use ${ARRIVALS_FORMS}`);
  }
  if (typeof raw === 'string' && TIMES_FORM.test(raw)) {
    const times = parseArrivalTimes(raw, what);
    return { kind: 'times', times, text: times.toString() };
  }
  let perS: number;
  try {
    perS = parseRate(raw, what);
  } catch {
    throw new InputError(`${what}: '${raw}' is not an arrivals spec; use ${ARRIVALS_FORMS}`);
  }
  return { kind: 'rate', perS, text: formatRate(perS) };
}

export interface ArrivalsOptions {
  /** Names the random stream and the `<name>_arrivals` counter. */
  readonly name: string;
  readonly to: JobSink;
  /** Multiplies the load: a rate by s, a trace by superposed shifted copies (LOAD_SCALE_METHOD). @default 1 */
  readonly scale?: number;
  /** Job type of the arrivals (for a trace, overrides its type column). @default 'job' for a rate */
  readonly type?: string;
  readonly priority?: number;
}

/** What `createArrivals` built: its arrival counter. */
export interface Arrivals {
  readonly arrivals: Counter;
}

/**
 * Builds the arrival source an arrivals spec names: an ArrivalProcess with exponential gaps
 * for a rate (a Poisson stream; scaling it by s is exactly a Poisson stream of s times the
 * rate), TraceArrivals for a trace.
 */
export function createArrivals(env: ComponentEnv, spec: string | ArrivalsSpec, opts: ArrivalsOptions): Arrivals {
  const s = typeof spec === 'string' ? parseArrivals(spec) : spec;
  const scale = opts.scale ?? 1;
  if (s.kind === 'trace') {
    return new TraceArrivals(env, { name: opts.name, trace: loadTrace(s), to: opts.to, scale, type: opts.type, priority: opts.priority });
  }
  if (s.kind === 'times') {
    return new ArrivalProcess(env, { name: opts.name, arrivals: scaledTimes(s, scale, opts.name), to: opts.to, type: opts.type, priority: opts.priority });
  }
  const rate = s.perS * scale;
  if (!(rate > 0)) return { arrivals: env.metrics.counter(`${opts.name}_arrivals`) };
  return new ArrivalProcess(env, { name: opts.name, interarrival: new Exponential(1 / rate), to: opts.to, type: opts.type, priority: opts.priority });
}

function scaledTimes(s: { readonly times: ArrivalTimes; readonly text: string }, scale: number, what: string): ArrivalTimes {
  if (scale === 1) return parseArrivalTimes(s.text, what);
  if (s.times instanceof PoissonArrivals) return new PoissonArrivals(s.times.schedule.scaled(scale));
  throw new InputError(`${what}: a load scale applies to rates, rate schedules and traces, not to '${s.text}'`);
}

/**
 * The arrival times an arrivals spec names, for a process-style `source`: a rate or a rate
 * schedule as a Poisson process, `every DIST` as a renewal process, a trace replayed at its
 * exact times. Each call gives a fresh instance (a trace keeps its position).
 */
export function arrivalTimes(spec: string | ArrivalsSpec, what = 'arrivals'): ArrivalTimes {
  const s = typeof spec === 'string' ? parseArrivals(spec, what) : spec;
  if (s.kind === 'trace') return new ReplayedArrivals(loadTrace(s).times, s.text);
  if (s.kind === 'rate') return new PoissonArrivals(RateSchedule.parse(s.perS, what));
  return parseArrivalTimes(s.text, what);
}
