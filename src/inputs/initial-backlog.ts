import type { ComponentEnv } from '../components/component-env.ts';
import type { JobQueue } from '../components/jobs/job-queue.ts';
import type { EventHandler } from '../kernel/event-queue.ts';
import type { Rng } from '../kernel/rng.ts';
import { type BacklogSpec, parseBacklog } from './backlog.ts';

export interface InitialBacklogOptions {
  /** Names the random stream the ages are drawn from. */
  readonly name: string;
  readonly queue: JobQueue;
  /** A backlog spec (`6000@uniform(0s, 12h)`, `csv:queue.csv`) or one already read. */
  readonly backlog: string | BacklogSpec;
  /** Job type of the jobs (for a CSV with a type column, overrides it). @default 'job' */
  readonly type?: string;
  /** Priority class. @default 0 */
  readonly priority?: number;
}

/**
 * Puts the jobs of an observed backlog in a queue at time 0, as if they had been waiting:
 * each job's creation and enqueue times are set in the past (time 0 minus its age), so queue
 * age probes, waits and delays count the time they had already waited. Jobs go in oldest
 * first, so FIFO serves them in the order they arrived.
 *
 * It runs as the first event at time 0, after the model is built, so the queue's consumer
 * (a worker pool) exists and is told once that jobs are there. While the jobs are placed the
 * consumer is detached: a pool that took a job on `accept` would see the queue's
 * enqueue time (now) rather than the job's own.
 */
export class InitialBacklog implements EventHandler {
  /** Jobs placed. */
  placed = 0;
  private readonly spec: BacklogSpec;
  private readonly rng: Rng;
  /** Job type ids: one for every job, or one per type name of a CSV. */
  private readonly typeIds: readonly number[];

  constructor(private readonly env: ComponentEnv, private readonly opts: InitialBacklogOptions) {
    this.spec = typeof opts.backlog === 'string' ? parseBacklog(opts.backlog) : opts.backlog;
    this.rng = env.sim.rng(opts.name);
    const names = opts.type !== undefined || this.spec.kind === 'count' ? [opts.type ?? 'job'] : this.spec.typeNames;
    this.typeIds = names.map((t) => env.jobs.typeId(t));
    const jobs = this.spec.kind === 'count' ? this.spec.jobs : this.spec.agesS.length;
    if (jobs > 0) env.sim.at(env.sim.now, this);
  }

  /** Number of jobs the backlog holds. */
  get size(): number {
    return this.spec.kind === 'count' ? this.spec.jobs : this.spec.agesS.length;
  }

  handleEvent(): void {
    const { sim, jobs } = this.env;
    const { queue } = this.opts;
    const s = this.spec;
    const n = this.size;
    const ages = new Float64Array(n);
    const types = new Int32Array(n);
    const ids = this.typeIds;
    if (s.kind === 'count') {
      for (let i = 0; i < n; i++) ages[i] = s.age.sample(this.rng);
      ages.sort().reverse();
      types.fill(ids[0]!);
    } else {
      // Rows are oldest first already (sorted by enqueue time).
      for (let i = 0; i < n; i++) {
        ages[i] = s.agesS[i]!;
        types[i] = ids[ids.length === 1 ? 0 : s.types[i]!]!;
      }
    }
    const consumer = queue.consumer;
    queue.consumer = null;
    const now = sim.now;
    for (let i = 0; i < n; i++) {
      const since = now - ages[i]!;
      const job = jobs.create(since, types[i]!, this.opts.priority ?? 0);
      queue.accept(job);
      jobs.enqueuedAt[job] = since;
    }
    this.placed = n;
    queue.consumer = consumer;
    consumer?.jobAvailable();
  }
}
