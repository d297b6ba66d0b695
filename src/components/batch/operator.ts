import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Distribution } from '../../kernel/distributions/distribution.ts';
import type { Rng } from '../../kernel/rng.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { BatchObserver, BatchTrigger } from './batch-trigger.ts';
import type { ComponentEnv } from '../component-env.ts';

export interface OperatorOptions {
  /** Names the random stream and the counter `<name>_restarts` (presses after a stop). */
  readonly name: string;
  readonly trigger: BatchTrigger;
  /** Time until someone notices, unprompted, that the batch has stopped and presses again, seconds. */
  readonly noticeDelay: Distribution;
  /** Time from being paged to pressing, seconds. @default 0 */
  readonly pageResponseS?: number;
  /**
   * Shortest time between a stop and the press it prompts, seconds. Keeps a batch that fails
   * at once (a rejected request) from being re-pressed forever at one instant. @default 1
   */
  readonly minDelayS?: number;
}

const PRESS = 0;

/**
 * A person who presses the button again when the batch has stopped: after noticing on their
 * own, or sooner when paged. They press only if the batch is still stopped, and know nothing
 * of checkpoints: the press starts the batch as it was built.
 */
export class Operator implements BatchObserver, EventHandler {
  readonly restarts: Counter;
  private readonly rng: Rng;
  private pending = -1;
  private pendingAt = Infinity;
  private readonly minDelayS: number;

  constructor(private readonly env: ComponentEnv, private readonly opts: OperatorOptions) {
    this.minDelayS = opts.minDelayS ?? 1;
    this.restarts = env.metrics.counter(`${opts.name}_restarts`);
    this.rng = env.sim.rng(opts.name);
    opts.trigger.observe(this);
  }

  batchStopped(): void {
    this.schedule(Math.max(this.minDelayS, this.opts.noticeDelay.sample(this.rng)));
  }

  batchStarted(): void {
    this.cancel();
  }

  batchCompleted(): void {
    this.cancel();
  }

  /** An alert reached this person: they press within `pageResponseS` unless already due sooner. */
  page(): void {
    const delayS = Math.max(this.minDelayS, this.opts.pageResponseS ?? 0);
    if (this.pendingAt > this.env.sim.now + delayS) this.schedule(delayS);
  }

  handleEvent(): void {
    this.pending = -1;
    this.pendingAt = Infinity;
    if (!this.opts.trigger.stopped) return;
    this.restarts.add();
    this.opts.trigger.press();
  }

  private schedule(delayS: number): void {
    this.cancel();
    this.pendingAt = this.env.sim.now + delayS;
    this.pending = this.env.sim.schedule(delayS, this, PRESS);
  }

  private cancel(): void {
    if (this.pending >= 0) this.env.sim.cancel(this.pending);
    this.pending = -1;
    this.pendingAt = Infinity;
  }
}
