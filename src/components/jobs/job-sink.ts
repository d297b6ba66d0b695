/** Anything that takes a job by id: a queue, a pool, a retry policy, a sink that counts. */
export interface JobSink {
  accept(job: number): void;
}
