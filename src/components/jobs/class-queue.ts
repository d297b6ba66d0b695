import type { Gauge } from '../../metrics/gauge.ts';
import type { ComponentEnv } from '../component-env.ts';
import type { QueueDiscipline } from '../disciplines/queue-discipline.ts';
import { JobQueue } from './job-queue.ts';

/**
 * A JobQueue that also reports its depth per job class (`<name>_depth_<class>`, a class being
 * a job type name), so a chart can show which class the backlog is made of.
 */
export class ClassQueue extends JobQueue {
  /** Depth gauges by job type index; null for types not listed. */
  private readonly byType: (Gauge | null)[] = [];

  constructor(private readonly classEnv: ComponentEnv, name: string, classes: readonly string[], discipline?: QueueDiscipline) {
    super(classEnv, name, discipline);
    for (const c of classes) {
      const type = classEnv.jobs.typeId(c);
      while (this.byType.length <= type) this.byType.push(null);
      this.byType[type] = classEnv.metrics.gauge(`${name}_depth_${c}`);
    }
  }

  /** The depth gauge of a class, by type name. */
  depthOf(className: string): Gauge {
    const g = this.byType[this.classEnv.jobs.typeId(className)];
    if (!g) throw new Error(`${this.name}: '${className}' is not one of this queue's classes`);
    return g;
  }

  override accept(job: number): void {
    // Counted before the queue hands the job on, since a consumer may take it at once.
    this.byType[this.classEnv.jobs.type[job]!]?.add(1);
    super.accept(job);
  }

  override take(): number {
    const job = super.take();
    if (job >= 0) this.byType[this.classEnv.jobs.type[job]!]?.add(-1);
    return job;
  }

  override remove(job: number): boolean {
    const removed = super.remove(job);
    if (removed) this.byType[this.classEnv.jobs.type[job]!]?.add(-1);
    return removed;
  }
}
