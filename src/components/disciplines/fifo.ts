import type { QueueDiscipline } from './queue-discipline.ts';
import { RingBuffer } from './ring-buffer.ts';

/** First in, first out; priorities are ignored. */
export class Fifo implements QueueDiscipline {
  private readonly ring = new RingBuffer();
  get length(): number {
    return this.ring.length;
  }
  push(job: number): void {
    this.ring.push(job);
  }
  pop(): number {
    return this.ring.shift();
  }
  peek(): number {
    return this.ring.peek();
  }
  remove(job: number): boolean {
    return this.ring.remove(job);
  }
  forEach(fn: (job: number) => void): void {
    this.ring.forEach(fn);
  }
}
