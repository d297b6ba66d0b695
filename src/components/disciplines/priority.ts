import type { QueueDiscipline } from './queue-discipline.ts';
import { RingBuffer } from './ring-buffer.ts';

/**
 * Strict priority: class 0 before class 1 before class 2 ... Appending to a class's ring
 * preserves FIFO order among jobs of equal priority.
 */
export class Priority implements QueueDiscipline {
  private readonly classes: RingBuffer[] = [];
  length = 0;

  push(job: number, priority: number): void {
    const p = Math.max(0, priority | 0);
    while (this.classes.length <= p) this.classes.push(new RingBuffer());
    this.classes[p]!.push(job);
    this.length++;
  }
  pop(): number {
    for (const ring of this.classes) {
      if (ring.length > 0) {
        this.length--;
        return ring.shift();
      }
    }
    return -1;
  }
  peek(): number {
    for (const ring of this.classes) if (ring.length > 0) return ring.peek();
    return -1;
  }
  remove(job: number): boolean {
    for (const ring of this.classes) {
      if (ring.remove(job)) {
        this.length--;
        return true;
      }
    }
    return false;
  }
  forEach(fn: (job: number) => void): void {
    for (const ring of this.classes) ring.forEach(fn);
  }
}
