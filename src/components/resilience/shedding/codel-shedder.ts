import type { QueueShedder } from './queue-shedder.ts';

/**
 * Controlled delay for request queues, in the form Facebook's RPC servers use ("Fail at
 * Scale", B. Maurer, ACM Queue 13(8), 2015), after CoDel (Nichols & Jacobson, "Controlling
 * Queue Delay", ACM Queue 10(5), 2012): a queue that has been empty within the last
 * `intervalS` is absorbing a burst, and a request may wait up to `intervalS`; a queue that
 * has not been empty for that long is standing, and a request that waited more than
 * `targetS` is dropped. Bursts pass; a standing queue is kept short.
 */
export class CoDelShedder implements QueueShedder {
  constructor(
    /** Longest wait while the queue is standing, seconds. @default 5 ms */
    readonly targetS = 0.005,
    /** How recently the queue must have been empty to count as a burst, seconds. @default 100 ms */
    readonly intervalS = 0.1,
  ) {
    if (!(targetS >= 0)) throw new RangeError(`CoDel target must be >= 0 s, got ${targetS}`);
    if (!(intervalS >= targetS)) throw new RangeError(`CoDel interval must be >= its target (${targetS} s), got ${intervalS}`);
  }

  admits(): boolean {
    return true;
  }

  drops(sojournS: number, nowS: number, lastEmptyS: number): boolean {
    const standing = nowS - lastEmptyS > this.intervalS;
    return sojournS > (standing ? this.targetS : this.intervalS);
  }
}
