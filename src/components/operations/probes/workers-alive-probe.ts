import type { Probe } from './probe.ts';

/** Fails when fewer than `minWorkers` worker processes are alive. */
export class WorkersAliveProbe implements Probe {
  readonly name = 'workers_alive';
  /** @param minWorkers alive workers needed to pass. @default 1 */
  constructor(private readonly pool: { readonly workers: number }, private readonly minWorkers = 1) {}
  healthy(): boolean {
    return this.pool.workers >= this.minWorkers;
  }
}
