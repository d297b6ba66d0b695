import type { QueueShedder } from './queue-shedder.ts';

/**
 * Drops a request that waited longer than `maxAgeS` when a worker reaches it: set it to the
 * callers' timeout and the service never works on a request its caller has given up on.
 */
export class QueueAgeShedder implements QueueShedder {
  constructor(readonly maxAgeS: number) {
    if (!(maxAgeS >= 0)) throw new RangeError(`queue age limit must be >= 0 s, got ${maxAgeS}`);
  }

  admits(): boolean {
    return true;
  }

  drops(sojournS: number): boolean {
    return sojournS > this.maxAgeS;
  }
}
