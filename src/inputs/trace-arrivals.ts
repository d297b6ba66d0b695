import type { ComponentEnv } from '../components/component-env.ts';
import type { JobSink } from '../components/jobs/job-sink.ts';
import type { EventHandler } from '../kernel/event-queue.ts';
import type { Counter } from '../metrics/counter.ts';
import type { Trace } from './trace.ts';

export interface TraceArrivalsOptions {
  /** Names the random stream and the `<name>_arrivals` counter. */
  readonly name: string;
  readonly trace: Trace;
  readonly to: JobSink;
  /**
   * Multiplies the load by superposing time-shifted copies of the trace (see TraceArrivals).
   * @default 1
   */
  readonly scale?: number;
  /** Job type of every arrival, overriding the trace's type column. @default the trace's types, or 'job' */
  readonly type?: string;
  /** Priority class (0 first). @default 0 */
  readonly priority?: number;
}

/** How `scale` turns one trace into more (or less) load, for help text and docs. */
export const LOAD_SCALE_METHOD =
  'superposed time-shifted copies: scale s replays floor(s) whole copies of the trace, copy c shifted later by ' +
  'c/s of the mean gap between arrivals, and for a fractional part f one more copy that keeps each arrival with ' +
  'probability f (thinning, from the component\'s random stream); s < 1 thins the trace alone. Bursts and daily ' +
  'shape keep their timing; the count grows s-fold.';

/**
 * Replays arrivals at exact times from a trace: a job per row, at the row's time (seconds
 * after the trace's start), of the row's type. Rows before simulated time 0 are skipped;
 * arrivals at one instant are created in one event, in file order.
 *
 * With `scale` s != 1 the trace is superposed with time-shifted copies of itself (the
 * method in LOAD_SCALE_METHOD). Shifting by a fraction of the mean gap interleaves the
 * copies' arrivals instead of stacking them on the same instants, while every structure
 * longer than a gap (a spike, a herd at :00, a daily curve) stays where it was, s times as
 * large. The merged times are computed once, up front: memory follows the trace's length.
 */
export class TraceArrivals implements EventHandler {
  readonly arrivals: Counter;
  /** Arrival times after scaling, seconds, non-decreasing. */
  readonly times: Float64Array;
  private readonly types: Int32Array;
  private readonly priority: number;
  private next = 0;

  constructor(private readonly env: ComponentEnv, private readonly opts: TraceArrivalsOptions) {
    const scale = opts.scale ?? 1;
    if (!(scale >= 0 && Number.isFinite(scale))) throw new RangeError(`${opts.name}: scale must be a finite number >= 0, got ${scale}`);
    this.arrivals = env.metrics.counter(`${opts.name}_arrivals`);
    const rng = env.sim.rng(opts.name);
    const { trace } = opts;
    const typeIds = opts.type !== undefined ? [env.jobs.typeId(opts.type)] : trace.typeNames.map((t) => env.jobs.typeId(t));
    const n = trace.times.length;
    const whole = Math.floor(scale);
    const frac = scale - whole;
    const copies = whole + (frac > 0 ? 1 : 0);
    const span = n > 1 ? trace.times[n - 1]! - trace.times[0]! : 0;
    const shift = n > 1 && scale > 0 ? span / (n - 1) / scale : 0;
    const times: number[] = [];
    const types: number[] = [];
    const copy: number[] = [];
    for (let c = 0; c < copies; c++) {
      const keepAll = c < whole;
      for (let i = 0; i < n; i++) {
        if (!keepAll && !(rng.next() < frac)) continue;
        const t = trace.times[i]! + c * shift;
        if (t < 0) continue;
        times.push(t);
        types.push(typeIds[opts.type !== undefined ? 0 : trace.types[i]!]!);
        copy.push(c);
      }
    }
    // Copies are each in time order; merging by (time, copy) keeps file order within one instant.
    const order = Array.from({ length: times.length }, (_, i) => i);
    if (copies > 1) order.sort((a, b) => times[a]! - times[b]! || copy[a]! - copy[b]! || a - b);
    this.times = Float64Array.from(order, (i) => times[i]!);
    this.types = Int32Array.from(order, (i) => types[i]!);
    this.priority = opts.priority ?? 0;
    if (this.times.length > 0) env.sim.at(Math.max(this.times[0]!, env.sim.now), this);
  }

  handleEvent(): void {
    const { sim, jobs } = this.env;
    const now = sim.now;
    const times = this.times;
    while (this.next < times.length && times[this.next]! <= now) {
      const job = jobs.create(now, this.types[this.next]!, this.priority);
      this.next++;
      this.arrivals.add();
      this.opts.to.accept(job);
    }
    if (this.next < times.length) sim.at(times[this.next]!, this);
  }
}
