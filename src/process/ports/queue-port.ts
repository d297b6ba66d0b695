import type { JobConsumer, JobQueue } from '../../components/jobs/job-queue.ts';
import { ModelError } from '../model-error.ts';
import type { Process, Withdrawable } from '../process.ts';
import { FifoWaitQueue } from '../resources/wait-queue.ts';

const ports = new WeakMap<JobQueue, QueuePort>();

/**
 * Lets processes take jobs from a `JobQueue` (fed by an ArrivalProcess, a scheduler, a
 * poller): the port becomes the queue's consumer and hands each job to the longest-waiting
 * process. A queue has one consumer, so a queue a WorkerPool serves cannot also be taken
 * from by processes.
 */
export class QueuePort implements JobConsumer, Withdrawable {
  private readonly takers = new FifoWaitQueue();

  private constructor(private readonly queue: JobQueue) {
    if (queue.consumer !== null) throw new ModelError(`take(${queue.name}): that queue already has a consumer (a worker pool or poller); processes can take only from a queue nothing else serves`);
    queue.consumer = this;
  }

  static of(queue: JobQueue): QueuePort {
    let port = ports.get(queue);
    if (port === undefined) {
      port = new QueuePort(queue);
      ports.set(queue, port);
    }
    return port;
  }

  take(p: Process<unknown>, timeoutS: number): void {
    if (this.takers.live === 0 && this.queue.length > 0) {
      p.value = this.queue.take();
      return;
    }
    if (timeoutS <= 0) {
      p.value = -1;
      return;
    }
    const id = p.beginWait(timeoutS, -1, this);
    if (!p.settled) this.takers.push(p, id, 0, undefined);
  }

  jobAvailable(): void {
    let p: Process<unknown> | null;
    while (this.queue.length > 0 && (p = this.takers.head()) !== null) {
      this.takers.shift();
      p.settle(this.queue.take());
    }
  }

  withdraw(): void {
    this.takers.forget();
  }
}
