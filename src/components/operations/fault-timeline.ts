import type { Counter } from '../../metrics/counter.ts';
import type { ComponentEnv } from '../component-env.ts';

/** Something that goes wrong at a given time: an upgrade kills the workers, a job type turns toxic. */
export interface Fault {
  /** Seconds from the run's start. */
  readonly atS: number;
  /** Short text for chart marks: `upgrade: workers die`. */
  readonly label: string;
  apply(): void;
}

/**
 * Faults on a timeline. Counts them (`<name>`) and collects chart marks as they happen, so a
 * chart's `marks` can be this timeline's `marks` array (a model may push its own, e.g. alerts).
 * Faults past the run's end never fire and leave no mark.
 */
export class FaultTimeline {
  readonly count: Counter;
  readonly marks: { t: number; label: string }[] = [];

  constructor(private readonly env: ComponentEnv, readonly name: string, faults: readonly Fault[] = []) {
    this.count = env.metrics.counter(name);
    for (const f of faults) this.add(f);
  }

  add(fault: Fault): void {
    if (!(fault.atS >= this.env.sim.now)) throw new RangeError(`${this.name}: fault '${fault.label}' at ${fault.atS} s is in the past`);
    this.env.sim.call(fault.atS - this.env.sim.now, () => {
      this.count.add();
      this.mark(fault.label);
      fault.apply();
    });
  }

  /** Adds a mark at the current time (an alert, someone noticing). */
  mark(label: string): void {
    this.marks.push({ t: this.env.sim.now, label });
  }
}
