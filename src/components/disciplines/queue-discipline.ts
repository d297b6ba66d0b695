/** The order a queue serves its jobs in. Jobs are ids; pop returns -1 when empty. */
export interface QueueDiscipline {
  readonly length: number;
  push(job: number, priority: number): void;
  pop(): number;
  /** The job pop would return, without removing it; -1 when empty. */
  peek(): number;
  /** Removes a specific job (a cancelled or expired one); false if it was not queued. */
  remove(job: number): boolean;
  /** Calls fn for every queued job, in no promised order. */
  forEach(fn: (job: number) => void): void;
}
