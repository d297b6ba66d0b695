import type { Probe } from './probe.ts';

/**
 * Fails when the job that has waited longest has waited more than `maxAgeS` seconds. Catches
 * a stalled queue that depth alone misses on a quiet night, when the backlog grows slowly.
 */
export class OldestJobAgeProbe implements Probe {
  readonly name = 'oldest_job_age';
  constructor(private readonly queue: { oldestAgeS(): number }, private readonly maxAgeS: number) {}
  healthy(): boolean {
    return this.queue.oldestAgeS() <= this.maxAgeS;
  }
}
