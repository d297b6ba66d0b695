import type { QueueShedder } from './queue-shedder.ts';

/** A bounded queue: a request arriving to `maxLength` waiting requests is refused at once (503). */
export class QueueLengthShedder implements QueueShedder {
  constructor(readonly maxLength: number) {
    if (!(maxLength >= 0 && Number.isInteger(maxLength))) throw new RangeError(`queue length limit must be a whole number >= 0, got ${maxLength}`);
  }

  admits(queueLength: number): boolean {
    return queueLength < this.maxLength;
  }

  drops(): boolean {
    return false;
  }
}
