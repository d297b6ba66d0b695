import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Distribution } from '../../kernel/distributions/distribution.ts';
import type { Rng } from '../../kernel/rng.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { BatchObserver, BatchTrigger } from './batch-trigger.ts';
import type { ComponentEnv } from '../component-env.ts';

export interface OperatorOptions {
  /**
   * Names the random stream and the counters `<name>_restarts` (presses after the first) and
   * `<name>_presses_without_progress`.
   */
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
  /**
   * The work left as the operator can see it (users the batch has not recorded). After a run
   * that left some, they press again, as long as presses still make it fall.
   * @default 1 after a run that stopped short, 0 after one that went through all its items
   */
  readonly remaining?: () => number;
  /** Presses in a row after which the work left has not fallen before the operator stops pressing. @default Infinity */
  readonly patience?: number;
  /**
   * The earliest time at or after `timeS` when someone is around to press (working hours, a
   * night off), seconds. @default always someone around
   */
  readonly onDutyFromS?: (timeS: number) => number;
  /** Told once, when the operator will press no more: nothing is left, or they gave up. */
  readonly onDone?: () => void;
}

const PRESS = 0;

/**
 * A person who presses the button again while there is work left: after a run stops short,
 * or ends leaving work the batch has not recorded, they notice (on their own, or sooner when
 * paged) and press, if the batch is not running by then. They know nothing of checkpoints: the
 * press starts the batch as it was built. They judge progress by the work left: after
 * `patience` presses in a row that did not reduce it, they stop pressing.
 */
export class Operator implements BatchObserver, EventHandler {
  readonly restarts: Counter;
  readonly pressesWithoutProgress: Counter;
  private readonly rng: Rng;
  private pending = -1;
  private pendingAt = Infinity;
  private readonly minDelayS: number;
  private leftAtPress = Infinity;
  private stalled = 0;
  private lastRunOk = false;
  private finished = false;
  private gaveUpFlag = false;

  constructor(private readonly env: ComponentEnv, private readonly opts: OperatorOptions) {
    this.minDelayS = opts.minDelayS ?? 1;
    this.restarts = env.metrics.counter(`${opts.name}_restarts`);
    this.pressesWithoutProgress = env.metrics.counter(`${opts.name}_presses_without_progress`);
    this.rng = env.sim.rng(opts.name);
    opts.trigger.observe(this);
  }

  /** True once the operator stopped pressing while work was left. */
  get gaveUp(): boolean {
    return this.gaveUpFlag;
  }

  /** True once the operator will press no more. */
  get done(): boolean {
    return this.finished;
  }

  batchStarted(): void {
    this.cancel();
    this.leftAtPress = this.left();
  }

  batchStopped(): void {
    this.lastRunOk = false;
    this.runEnded();
  }

  batchCompleted(): void {
    this.lastRunOk = true;
    this.runEnded();
  }

  /** An alert reached this person: they press within `pageResponseS` unless already due sooner. */
  page(): void {
    if (this.finished) return;
    const delayS = Math.max(this.minDelayS, this.opts.pageResponseS ?? 0);
    if (this.pendingAt > this.env.sim.now + delayS) this.schedule(delayS);
  }

  handleEvent(): void {
    this.pending = -1;
    this.pendingAt = Infinity;
    if (this.finished || this.opts.trigger.busy) return;
    this.restarts.add();
    this.opts.trigger.press();
  }

  private left(): number {
    if (this.opts.remaining) return this.opts.remaining();
    return this.lastRunOk ? 0 : 1;
  }

  private runEnded(): void {
    if (this.finished) return;
    const left = this.left();
    if (left <= 0) return this.finish();
    if (left >= this.leftAtPress) {
      this.pressesWithoutProgress.add();
      this.stalled++;
    } else this.stalled = 0;
    if (this.stalled >= (this.opts.patience ?? Infinity)) {
      this.gaveUpFlag = true;
      return this.finish();
    }
    const due = this.env.sim.now + Math.max(this.minDelayS, this.opts.noticeDelay.sample(this.rng));
    const at = this.opts.onDutyFromS ? Math.max(due, this.opts.onDutyFromS(due)) : due;
    this.schedule(at - this.env.sim.now);
  }

  private finish(): void {
    this.cancel();
    this.finished = true;
    this.opts.onDone?.();
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
