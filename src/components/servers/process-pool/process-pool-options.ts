import type { Distribution } from '../../../kernel/distributions/distribution.ts';
import type { Breaker } from '../../resilience/breakers/breaker.ts';
import type { FailureSink } from '../../resilience/failure-sink.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { JobSink } from '../../jobs/job-sink.ts';
import type { FailureClass } from '../../resilience/retry/failure-class.ts';

/** What a job timeout does: only log and count it, or kill the attempt and free the worker. */
export type TimeoutAction = 'report' | 'kill';

export interface ProcessPoolOptions {
  /**
   * Names the random stream and the metrics `<name>_workers`, `_processes`, `_zombies`, `_busy`,
   * `_hung`, `_memory_mb` (gauges), `_completed`, `_errors`, `_timeouts`, `_killed`, `_lost`,
   * `_spawned` (counters), `_wait_s` (histogram).
   */
  readonly name: string;
  /** Workers the pool is meant to have, all ready at time 0; `replenish()` spawns back up to it. */
  readonly workers: number;
  readonly queue: JobQueue;
  /**
   * Attempt duration in seconds, one distribution or one per job type index (types beyond the
   * list use the first). A sample of Infinity is an attempt that hangs forever: it blocks its
   * process, so the process stops sending heartbeats.
   */
  readonly service: Distribution | readonly Distribution[];
  /** Chance an attempt raises an error, one or per job type. @default 0 */
  readonly errorRatio?: number | readonly number[];
  /**
   * How the failure sink is told an attempt that raised failed: `transient` (may pass later)
   * or `permanent` (bad input, which does not count against the type's circuit). Timeouts and
   * lost attempts are always transient.
   * @default FailureClass.transient
   */
  readonly errorClass?: FailureClass;
  /** Where completed jobs go. @default released from the job store */
  readonly next?: JobSink;
  /** Told of every attempt's end; owns failed and lost jobs. @default FailedJobs `<name>_failed` */
  readonly failures?: FailureSink;
  /** Guards job types at dispatch. @default new NoBreaker() */
  readonly breaker?: Breaker;
  /**
   * Where jobs the breaker refused go. Must not hand them straight back to this pool's queue
   * (the dispatch loop would spin). @default FailedJobs `<name>_refused`
   */
  readonly rejected?: JobSink;
  /** Resident memory of an idle process, MB. @default 0 */
  readonly baseMemoryMb?: number;
  /** Extra memory while running an attempt, MB, one or per job type. @default 0 */
  readonly jobMemoryMb?: number | readonly number[];
  /** Memory a process never gives back per attempt it finishes, MB (freed when it exits). @default 0 */
  readonly leakMbPerJob?: number;
  /** Attempts running longer than this time out, seconds. @default Infinity (no timeout) */
  readonly jobTimeoutS?: number;
  /** @default 'report' */
  readonly timeoutAction?: TimeoutAction;
  /** A process not stuck in a hung attempt sends a heartbeat this often, seconds. @default 10 */
  readonly heartbeatIntervalS?: number;
  /** Seconds a spawned process takes to load before it takes jobs. @default 0 */
  readonly bootS?: number;
}
