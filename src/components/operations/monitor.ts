import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { Gauge } from '../../metrics/gauge.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { Probe } from './probes/probe.ts';

export interface MonitorOptions {
  /**
   * Names the metrics `<name>_unhealthy` (gauge, 1 while the latest check failed),
   * `<name>_alerting` (gauge), `<name>_alerts` and `<name>_<probe>_failures` (counters).
   */
  readonly name: string;
  /** What each check looks at; the check passes when every probe is healthy. */
  readonly probes: readonly Probe[];
  /** Seconds between checks. @default 60 */
  readonly intervalS?: number;
  /** Consecutive failed checks that raise an alert. @default 3 */
  readonly alertAfter?: number;
  /** Seconds from the alert to the reaction (a page answered, a runbook run). @default 0 */
  readonly reactionDelayS?: number;
  /** Told at once when an alert is raised (cold path): for marks and detection times. */
  readonly onAlert?: (timeS: number) => void;
  /** What someone (or something) does about an alert, `reactionDelayS` after it. */
  readonly reaction?: () => void;
}

const CHECK = 0;
const REACT = 1;

/**
 * A health check every interval over a set of probes. It alerts after `alertAfter`
 * consecutive failed checks, once per incident: it re-arms only after a check passes. What
 * it cannot see it cannot alert on; that is the point of choosing probes.
 */
export class Monitor implements EventHandler {
  readonly alerts: Counter;
  readonly unhealthy: Gauge;
  readonly alerting: Gauge;
  private readonly probeFailures: Counter[];
  private readonly intervalS: number;
  private readonly alertAfter: number;
  private readonly reactionDelayS: number;
  private consecutive = 0;

  constructor(private readonly env: ComponentEnv, private readonly opts: MonitorOptions) {
    this.intervalS = opts.intervalS ?? 60;
    this.alertAfter = opts.alertAfter ?? 3;
    this.reactionDelayS = opts.reactionDelayS ?? 0;
    if (!(this.intervalS > 0)) throw new RangeError(`${opts.name}: intervalS must be > 0, got ${this.intervalS}`);
    if (!(this.alertAfter >= 1)) throw new RangeError(`${opts.name}: alertAfter must be >= 1, got ${this.alertAfter}`);
    if (!(this.reactionDelayS >= 0)) throw new RangeError(`${opts.name}: reactionDelayS must be >= 0, got ${this.reactionDelayS}`);
    const m = env.metrics;
    this.alerts = m.counter(`${opts.name}_alerts`);
    this.unhealthy = m.gauge(`${opts.name}_unhealthy`);
    this.alerting = m.gauge(`${opts.name}_alerting`);
    this.probeFailures = opts.probes.map((p) => m.counter(`${opts.name}_${p.name}_failures`));
    env.sim.schedule(this.intervalS, this, CHECK);
  }

  handleEvent(tag: number): void {
    if (tag === REACT) {
      this.opts.reaction?.();
      return;
    }
    this.check();
    this.env.sim.schedule(this.intervalS, this, CHECK);
  }

  private check(): void {
    let ok = true;
    // Every probe runs, so each one's failure count is complete.
    this.opts.probes.forEach((probe, i) => {
      if (probe.healthy()) return;
      ok = false;
      this.probeFailures[i]!.add();
    });
    this.unhealthy.set(ok ? 0 : 1);
    if (ok) {
      this.consecutive = 0;
      this.alerting.set(0);
      return;
    }
    if (++this.consecutive !== this.alertAfter) return;
    this.alerts.add();
    this.alerting.set(1);
    this.opts.onAlert?.(this.env.sim.now);
    this.env.sim.schedule(this.reactionDelayS, this, REACT);
  }
}
