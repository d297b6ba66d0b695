import type { EventHandler } from '../../kernel/event-queue.ts';
import type { Counter } from '../../metrics/counter.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { ProcessPool } from '../servers/process-pool/process-pool.ts';
import { ProcessState } from '../servers/process-pool/process-table.ts';

/**
 * How a supervisor replaces a worker it believes dead (silent past the heartbeat timeout):
 * `naive` spawns a replacement and leaves the silent process running, a zombie holding its
 * memory; `kill-first` terminates it, then spawns.
 */
export type SupervisorMode = 'naive' | 'kill-first';

export interface SupervisorOptions {
  /** Names the counters `<name>_restarts`, `<name>_declared_dead`, `<name>_spawn_refused`. */
  readonly name: string;
  readonly pool: ProcessPool;
  /** Seconds between checks. @default 10 */
  readonly checkIntervalS?: number;
  /** A worker with no heartbeat for longer than this is believed dead, seconds. @default 30 */
  readonly heartbeatTimeoutS?: number;
  /** @default 'kill-first' */
  readonly mode?: SupervisorMode;
  /** No spawn while this many processes (workers and zombies) are alive. @default Infinity */
  readonly maxProcesses?: number;
  /** First check at this time, seconds. @default checkIntervalS */
  readonly startS?: number;
  /** Told (cold path) at each check that found workers missing or silent. */
  readonly onReplace?: (timeS: number) => void;
}

/**
 * Keeps a process pool at its size: every check, workers silent past the heartbeat timeout
 * are declared dead (killed or disowned, by mode), then replacements are spawned for every
 * missing worker, exited ones included, up to the process cap.
 */
export class Supervisor implements EventHandler {
  readonly restarts: Counter;
  readonly declaredDead: Counter;
  readonly spawnRefused: Counter;
  private readonly intervalS: number;
  private readonly silentS: number;
  private readonly naive: boolean;
  private readonly maxProcesses: number;

  constructor(private readonly env: ComponentEnv, private readonly opts: SupervisorOptions) {
    this.intervalS = opts.checkIntervalS ?? 10;
    this.silentS = opts.heartbeatTimeoutS ?? 30;
    this.naive = (opts.mode ?? 'kill-first') === 'naive';
    this.maxProcesses = opts.maxProcesses ?? Infinity;
    if (!(this.intervalS > 0)) throw new RangeError(`${opts.name}: checkIntervalS must be > 0, got ${this.intervalS}`);
    if (!(this.silentS > 0)) throw new RangeError(`${opts.name}: heartbeatTimeoutS must be > 0, got ${this.silentS}`);
    if (!(this.maxProcesses >= 1)) throw new RangeError(`${opts.name}: maxProcesses must be >= 1, got ${this.maxProcesses}`);
    this.restarts = env.metrics.counter(`${opts.name}_restarts`);
    this.declaredDead = env.metrics.counter(`${opts.name}_declared_dead`);
    this.spawnRefused = env.metrics.counter(`${opts.name}_spawn_refused`);
    env.sim.at(opts.startS ?? this.intervalS, this);
  }

  handleEvent(): void {
    this.check();
    this.env.sim.schedule(this.intervalS, this);
  }

  /** One supervision pass; returns the number of replacements spawned. */
  check(): number {
    const pool = this.opts.pool;
    const table = pool.table;
    const now = this.env.sim.now;
    let silent = 0;
    for (let p = 0; p < table.size; p++) {
      const s = table.state[p]!;
      if (s !== ProcessState.idle && s !== ProcessState.busy && s !== ProcessState.booting) continue;
      if (now - pool.lastHeartbeatS(p) <= this.silentS) continue;
      silent++;
      this.declaredDead.add();
      if (this.naive) pool.abandon(p);
      else pool.kill(p);
    }
    const missing = pool.target - pool.workers;
    let spawned = 0;
    for (let i = 0; i < missing; i++) {
      if (pool.processes.value >= this.maxProcesses) {
        this.spawnRefused.add(missing - i);
        break;
      }
      pool.spawn();
      spawned++;
    }
    this.restarts.add(spawned);
    if ((silent > 0 || missing > 0) && this.opts.onReplace) this.opts.onReplace(now);
    return spawned;
  }
}
