import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { BatchObserver, BatchTrigger } from './batch-trigger.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { Operator } from './operator.ts';

export interface BatchAlertOptions {
  /** Names the counter `<name>_fired`. */
  readonly name: string;
  readonly trigger: BatchTrigger;
  /** Who gets paged. */
  readonly operator: Operator;
  /** How long the batch must stay stopped before the alert fires (a rule's `for:`), seconds. @default 0 */
  readonly forS?: number;
}

const FIRE = 0;

/**
 * An alert on "batch stopped before completing": fires once the batch has stayed stopped for
 * `forS` and pages the operator, instead of waiting for someone to notice. It sees only what
 * the batch reports: a run that swallowed downstream errors and "completed" never fires it.
 */
export class BatchAlert implements BatchObserver, EventHandler {
  readonly fired: Counter;
  private pending = -1;

  constructor(private readonly env: ComponentEnv, private readonly opts: BatchAlertOptions) {
    this.fired = env.metrics.counter(`${opts.name}_fired`);
    opts.trigger.observe(this);
  }

  batchStopped(): void {
    this.cancel();
    this.pending = this.env.sim.schedule(this.opts.forS ?? 0, this, FIRE);
  }

  batchStarted(): void {
    this.cancel();
  }

  batchCompleted(): void {
    this.cancel();
  }

  handleEvent(): void {
    this.pending = -1;
    this.fired.add();
    this.opts.operator.page();
  }

  private cancel(): void {
    if (this.pending >= 0) this.env.sim.cancel(this.pending);
    this.pending = -1;
  }
}
