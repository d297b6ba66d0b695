import type { QueueShedder } from './queue-shedder.ts';

/** The do-nothing default: every request may wait, and every one that waited is served. */
export class NoShedding implements QueueShedder {
  admits(): boolean {
    return true;
  }

  drops(): boolean {
    return false;
  }
}
