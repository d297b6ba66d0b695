import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { SideEffectSink } from '../servers/downstream-service.ts';
import { covering } from '../plumbing/grow.ts';

/**
 * The ground truth of side effects (money moved), per key: how many keys had their effect
 * at least once (`<name>_processed`, a running level) and how many applications repeated an
 * earlier one (`<name>_duplicates`, a running level). `<name>_applied` counts every
 * application per time bucket.
 */
export class EffectLedger implements SideEffectSink {
  readonly processed: Gauge;
  readonly duplicates: Gauge;
  readonly applied: Counter;
  private counts: Int32Array;

  constructor(env: ComponentEnv, readonly name: string, initialKeys = 1024) {
    this.processed = env.metrics.gauge(`${name}_processed`);
    this.duplicates = env.metrics.gauge(`${name}_duplicates`);
    this.applied = env.metrics.counter(`${name}_applied`);
    this.counts = new Int32Array(Math.max(16, initialKeys));
  }

  apply(key: number): void {
    if (key >= this.counts.length) this.grow(key);
    this.applied.add();
    if (this.counts[key]!++ === 0) this.processed.add(1);
    else this.duplicates.add(1);
  }

  /** How many times the key's effect applied. */
  timesApplied(key: number): number {
    return key < this.counts.length ? this.counts[key]! : 0;
  }

  private grow(key: number): void {
    this.counts = covering(this.counts, key);
  }
}
