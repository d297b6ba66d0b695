import type { Probe } from './probe.ts';

/** Fails when more than `maxDepth` jobs wait in the queue. */
export class QueueDepthProbe implements Probe {
  readonly name = 'queue_depth';
  constructor(private readonly queue: { readonly length: number }, private readonly maxDepth: number) {}
  healthy(): boolean {
    return this.queue.length <= this.maxDepth;
  }
}
