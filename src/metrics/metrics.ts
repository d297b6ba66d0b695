import type { Clock } from '../kernel/simulation.ts';
import { Counter } from './counter.ts';
import { Gauge } from './gauge.ts';
import { Histogram } from './histogram.ts';
import type { Series } from './series.ts';

const NAME = /^[a-z][a-z0-9_]*$/;

type Metric = Counter | Gauge | Histogram;

/**
 * The one place observations go. Components create their metrics here by name; summary,
 * CSV and charts are built from `series()` and the metrics' totals, never from components.
 */
export class Metrics {
  private readonly byName = new Map<string, Metric>();
  private readonly expectedBuckets: number;
  private finishedAt = -1;

  constructor(private readonly clock: Clock, readonly bucketS: number, expectedDurationS = 3600) {
    if (!(bucketS > 0)) throw new RangeError(`bucket width must be positive, got ${bucketS}`);
    this.expectedBuckets = Number.isFinite(expectedDurationS) ? Math.ceil(expectedDurationS / bucketS) : 64;
  }

  counter(name: string): Counter {
    return this.add(new Counter(this.checkName(name), this.clock, this.bucketS, this.expectedBuckets));
  }

  gauge(name: string): Gauge {
    return this.add(new Gauge(this.checkName(name), this.clock, this.bucketS, this.expectedBuckets));
  }

  histogram(name: string): Histogram {
    return this.add(new Histogram(this.checkName(name), this.clock, this.bucketS, this.expectedBuckets));
  }

  get(name: string): Metric | undefined {
    return this.byName.get(name);
  }

  /** Closes every metric at the run's end time. */
  finish(endT: number): void {
    const buckets = this.bucketCount(endT);
    for (const m of this.byName.values()) {
      if (m instanceof Gauge) m.finish(endT);
      else m.finish(buckets);
    }
    this.finishedAt = endT;
  }

  bucketCount(endT: number): number {
    return Math.max(1, Math.ceil(endT / this.bucketS - 1e-9));
  }

  /** Every metric's per-bucket series, in the order the metrics were created. */
  series(): Series[] {
    if (this.finishedAt < 0) throw new Error('metrics.series() before finish()');
    return [...this.byName.values()].flatMap((m) => m.series());
  }

  private add<M extends Metric>(m: M): M {
    this.byName.set(m.name, m);
    return m;
  }

  private checkName(name: string): string {
    if (!NAME.test(name)) throw new Error(`metric name '${name}' must be snake_case`);
    if (this.byName.has(name)) throw new Error(`metric '${name}' is already defined`);
    return name;
  }
}
