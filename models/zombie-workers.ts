import {
  ArrivalProcess,
  CircuitBreaker,
  Constant,
  ConstantBackoff,
  BackoffRetryPolicy,
  DeadLetterQueue,
  Departures,
  Exponential,
  FailedJobs,
  FailureClass,
  FaultTimeline,
  JobQueue,
  NoBreaker,
  ProcessPool,
  Redelivery,
  Supervisor,
  TransientOnlyClassification,
  defineModel,
  param,
  parseDistribution,
} from '../src/index.ts';

/**
 * Workers that look healthy while zombies pile up behind them. See `description`.
 */
export default defineModel({
  name: 'zombie-workers',
  summary: 'A toxic job type hangs workers; a naive supervisor leaves zombies behind until the system is unresponsive, while the worker count still reads 10',
  description:
    'Ten worker processes take jobs from one queue; about 5.5% of attempts raise an ordinary error (bad input, ' +
    'recorded as failed, never redelivered), so the dashboard shows ~94% success, 10 workers and ~400 MB, and the ' +
    'ordinary load keeps two or three of the ten busy. At 00:30 the first job of a toxic type arrives, and more follow: ' +
    'every attempt of one hangs forever, blocking its process, which stops its once-a-minute heartbeat. The only ' +
    'liveness signal the setup has is the broker\'s: after 30 minutes without an acknowledgement it closes the ' +
    'worker\'s channel and requeues the job at once, and the naive supervisor, seeing the worker silent, spawns a ' +
    'replacement without killing the old process, which lives on as a zombie holding its memory. The requeued toxic ' +
    'job hangs the next worker, so every toxic job keeps one worker hung at all times and leaves a zombie behind every ' +
    '30 minutes. The dashboard counts 10 workers and ~94% success throughout; behind it hung workers pile up, fewer ' +
    'and fewer workers serve (three or four at 03:00), delays pass 30 s, and once the hung outnumber the spare ' +
    'workers the backlog grows without bound: the system is unresponsive (unresponsive_at_s: the queue reaches ' +
    '1,000 jobs).\n\n' +
    'Calibration (inputs): the first toxic job at 00:30 and the 30-minute ack timeout are the write-up\'s timeline ' +
    '(first zombie at 01:00); the toxic rate (2/h after the first) and the ordinary load (two or three busy) are set ' +
    'so that the median over seeds shows its 03:00 and 05:00; a hung attempt holds 150 MB, so 47 processes hold about ' +
    '8.7 GB. What comes out is the mechanism\'s. The toxic type is rare, so one seed can mislead: over 30 seeds the ' +
    'median is 12 zombies and 4-5 serving workers at 03:00 (10th-90th percentile 9-19 and 2-6), 49 processes at 05:00 ' +
    '(39-59), and two seeds in three unresponsive within 6 h (median 4.3 h); seed 1 has 18 zombies at 03:00, 61 ' +
    'processes at 05:00 and is unresponsive at 3.4 h. The checks judge the incident by the median of nine seeds.\n\n' +
    'Fixes: --breaker (a circuit per job type opens after three hangs; refused jobs are dead-lettered), ' +
    '--timeout-action kill with --dead-letter-after 2 (the job timeout frees the worker; a poison job is parked after ' +
    'two attempts). Alone, --timeout-action kill ends the zombies but a requeued toxic job still takes a worker each ' +
    'minute; --supervisor kill-first fixes memory and processes but every toxic job still holds a worker, so the ' +
    'system still becomes unresponsive; --dead-letter-after 2 bounds the zombies at two per poison job.',
  fidelity: 'docs/incidents/zombie-workers.md',
  duration: '6h',
  bucket: '1m',
  params: {
    workers: param.int({ default: 10, min: 1, max: 10000, unit: 'workers', description: 'worker processes the pool is meant to have' }),
    arrivalRate: param.rate({ default: '1.5/s', min: 0, description: 'arrival rate of ordinary jobs (Poisson)' }),
    jobDuration: param.distribution({ default: 'lognormal(1.7s, 1s)', description: 'duration of an ordinary attempt' }),
    errorRatio: param.number({ default: 0.055, min: 0, max: 1, unit: 'ratio', description: 'chance an ordinary attempt raises an error (recorded as failed, not redelivered)' }),
    baseMemoryMb: param.number({ default: 38, min: 0, unit: 'MB', description: 'resident memory of an idle worker process' }),
    jobMemoryMb: param.number({ default: 4, min: 0, unit: 'MB', description: 'extra memory while running an ordinary attempt' }),
    leakMbPerJob: param.number({ default: 0, min: 0, unit: 'MB', description: 'memory a process never gives back per attempt it finishes' }),
    toxicStart: param.duration({ default: '30m', min: 0, description: 'when the first toxic job arrives; more follow as a Poisson stream' }),
    toxicRate: param.rate({ default: '2/h', min: 0, description: 'arrival rate of toxic jobs after the first (every attempt hangs forever); 0: no toxic job at all' }),
    toxicMemoryMb: param.number({ default: 150, min: 0, unit: 'MB', description: 'extra memory a hung toxic attempt holds' }),
    heartbeatInterval: param.duration({ default: '1m', min: 0.001, description: 'a worker not stuck in a hung attempt sends a heartbeat this often' }),
    heartbeatTimeout: param.duration({ default: '30m', min: 0.001, description: 'the supervisor believes a worker dead after this long without a heartbeat (30 min: the broker\'s consumer ack timeout, the only liveness signal the setup had)' }),
    supervisorCheck: param.duration({ default: '1m', min: 0.001, description: 'time between supervisor checks' }),
    supervisor: param.choice({ choices: ['naive', 'kill-first'] as const, default: 'naive', description: 'naive: replace without killing (zombies); kill-first: kill the silent worker, then replace' }),
    maxProcesses: param.int({ default: Infinity, min: 1, unlimited: true, unit: 'processes', description: 'the supervisor spawns nothing while this many processes are alive' }),
    bootTime: param.duration({ default: '20s', min: 0, description: 'time a spawned worker takes to load before it takes jobs' }),
    jobTimeout: param.duration({ default: '1m', min: 0.001, description: 'attempts running longer than this time out' }),
    timeoutAction: param.choice({ choices: ['report', 'kill'] as const, default: 'report', description: 'report: log and count the timeout only; kill: kill the attempt and free the worker' }),
    redeliveryDelay: param.duration({ default: '0s', min: 0, description: 'a lost job is put back on the queue after this delay (0: the broker requeues an unacknowledged job at once)' }),
    deadLetterAfter: param.int({ default: Infinity, min: 1, unlimited: true, unit: 'attempts', description: 'attempts after which a job is parked in the dead-letter queue instead of redelivered' }),
    breaker: param.bool({ default: false, description: 'a circuit breaker per job type; jobs it refuses are dead-lettered' }),
    breakerThreshold: param.int({ default: 3, min: 1, unit: 'failures', description: 'consecutive failures of a job type that open its circuit' }),
    breakerOpen: param.duration({ default: '30m', min: 0, description: 'how long an open circuit refuses jobs before one trial attempt' }),
    unresponsiveBacklog: param.int({ default: 1000, min: 1, unit: 'jobs', description: 'queue depth at which the system counts as unresponsive (unresponsive_at_s): about 10 minutes of arrivals waiting' }),
  },
  build(ctx, p) {
    const queue = new JobQueue(ctx, 'queue');
    const done = new Departures(ctx, 'done');
    const dlq = new DeadLetterQueue(ctx, 'dead_letter');
    const failed = new FailedJobs(ctx, 'failed');
    const redelivery = new Redelivery(ctx, {
      name: 'redelivery',
      policy: new BackoffRetryPolicy({
        maxRetries: p.deadLetterAfter - 1,
        backoff: new ConstantBackoff(p.redeliveryDelay),
        classification: new TransientOnlyClassification(),
        rng: ctx.sim.rng('redelivery'),
      }),
      to: queue,
      // With unlimited attempts nothing gives up, so dead_lettered counts only what the breaker refused.
      giveUp: Number.isFinite(p.deadLetterAfter) ? dlq : failed,
      // An attempt that raised was acknowledged as failed: the dashboard's failures, never redelivered.
      notRetryable: failed,
    });
    const breaker = p.breaker
      ? new CircuitBreaker(ctx, { name: 'breaker', failureThreshold: p.breakerThreshold, openS: p.breakerOpen })
      : new NoBreaker();
    const ordinary = ctx.jobs.typeId('job');
    const toxic = ctx.jobs.typeId('toxic');
    const pool = new ProcessPool(ctx, {
      name: 'pool',
      workers: p.workers,
      queue,
      service: typed(ordinary, toxic, parseDistribution(p.jobDuration, 'job-duration'), new Constant(Infinity)),
      errorRatio: typed(ordinary, toxic, p.errorRatio, 0),
      errorClass: FailureClass.permanent,
      jobMemoryMb: typed(ordinary, toxic, p.jobMemoryMb, p.toxicMemoryMb),
      baseMemoryMb: p.baseMemoryMb,
      leakMbPerJob: p.leakMbPerJob,
      jobTimeoutS: p.jobTimeout,
      timeoutAction: p.timeoutAction,
      heartbeatIntervalS: p.heartbeatInterval,
      bootS: p.bootTime,
      next: done,
      failures: redelivery,
      breaker,
      rejected: dlq,
    });
    const supervisor = new Supervisor(ctx, {
      name: 'supervisor',
      pool,
      mode: p.supervisor,
      checkIntervalS: p.supervisorCheck,
      heartbeatTimeoutS: p.heartbeatTimeout,
      maxProcesses: p.maxProcesses,
    });
    const source = new ArrivalProcess(ctx, { name: 'arrivals', interarrival: new Exponential(1 / p.arrivalRate), to: queue, type: 'job' });
    // The first toxic job arrives at toxic-start, the rest as a Poisson stream after it.
    let firstToxic = 0;
    if (p.toxicRate > 0) {
      ctx.sim.call(p.toxicStart, () => {
        firstToxic = 1;
        queue.accept(ctx.jobs.create(ctx.sim.now, toxic));
      });
    }
    const toxicSource = new ArrivalProcess(ctx, {
      name: 'toxic_arrivals',
      interarrival: new Exponential(p.toxicRate > 0 ? 1 / p.toxicRate : 1),
      to: queue,
      type: 'toxic',
      startS: p.toxicStart,
      stopS: p.toxicRate > 0 ? Infinity : 0,
    });
    // What a dashboard samples once a minute: workers that are not stuck in a hung attempt.
    // Every zombie here is a disowned hung worker, so hung workers = hung executions - zombies.
    const active = ctx.metrics.gauge('workers_active');
    const sampler = {
      handleEvent: () => {
        active.set(pool.workers - (pool.hung.value - pool.zombies.value));
        ctx.sim.schedule(60, sampler);
      },
    };
    ctx.sim.call(0, () => sampler.handleEvent());
    /** Start of the first bucket whose value passes `test`, seconds; NaN if none does. */
    const firstBucket = (values: readonly number[], test: (v: number) => boolean) => {
      const i = values.findIndex(test);
      return i < 0 ? NaN : i * ctx.bucketS;
    };
    const timeline = new FaultTimeline(ctx, 'faults', [{ atS: p.toxicStart, label: 'toxic job type appears', apply: () => {} }]);
    const healthyMb = p.workers * p.baseMemoryMb;
    /** The bucket that ends at hour h (NaN past the run's end). */
    const at = (values: readonly number[], h: number) => values[Math.round((h * 3600) / ctx.bucketS) - 1] ?? NaN;
    return {
      summary: () => {
        const unresponsiveAt = firstBucket(queue.depth.bucketMaxes(), (v) => v >= p.unresponsiveBacklog);
        const attemptsEnded = pool.completed.total + pool.errors.total + pool.killed.total + pool.lost.total;
        return {
          // What the dashboard showed.
          workers_reported: pool.workersGauge.value,
          workers_reported_mean: pool.workersGauge.mean,
          queue_depth_max: queue.depth.max,
          queue_depth_mean: queue.depth.mean,
          success_ratio: pool.completed.total / Math.max(1, attemptsEnded),
          // What was really going on.
          workers_active_min: Math.min(...active.bucketMeans().filter((v) => v === v)),
          // The write-up's timeline, read off the per-minute series (the last minute before each hour).
          memory_mb_at_2h: at(pool.memoryMb.bucketMaxes(), 2),
          zombies_at_3h: at(pool.zombies.bucketMaxes(), 3),
          workers_active_at_3h: at(active.bucketMeans(), 3),
          processes_at_5h: at(pool.processes.bucketMaxes(), 5),
          first_zombie_s: firstBucket(pool.zombies.bucketMaxes(), (v) => v > 0),
          unresponsive: unresponsiveAt === unresponsiveAt ? 1 : 0,
          unresponsive_at_s: unresponsiveAt,
          zombie_workers_max: pool.zombies.max,
          processes_max: pool.processes.max,
          memory_mb_max: pool.memoryMb.max,
          hung_jobs_max: pool.hung.max,
          job_latency_p99_s: done.sojourn.quantile(0.99),
          job_latency_p99_s_worst_minute: done.sojourn.bucketWorst('p99'),
          job_latency_max_s: done.sojourn.max,
          job_wait_p99_s: pool.wait.quantile(0.99),
          dead_lettered: dlq.count.total,
          worker_restarts: supervisor.restarts.total,
          workers_declared_dead: supervisor.declaredDead.total,
          timeouts: pool.timeouts.total,
          redeliveries: redelivery.retries.total,
          // Where every job is (created = completed + failed + dead-lettered + queued + running).
          jobs_created: source.arrivals.total + toxicSource.arrivals.total + firstToxic,
          toxic_jobs: toxicSource.arrivals.total + firstToxic,
          jobs_completed: done.count.total,
          jobs_failed: failed.count.total,
          jobs_queued: queue.length + redelivery.pending.value,
          jobs_running: pool.busy.value,
          faults: timeline.count.total,
        };
      },
      charts: [
        {
          name: 'dashboard',
          title: 'What the dashboard showed: workers and queue depth',
          yTitle: 'workers / jobs',
          lines: [
            { metric: 'pool_workers', stat: 'mean', label: 'workers (reported)' },
            { metric: 'queue_depth', stat: 'mean', label: 'queue depth (mean)' },
          ],
          rules: [{ y: p.workers, label: `${p.workers} workers` }],
          marks: timeline.marks,
        },
        {
          name: 'processes',
          title: 'Processes and zombies vs the workers gauge',
          yTitle: 'processes',
          lines: [
            { metric: 'pool_processes', stat: 'max', label: 'processes' },
            { metric: 'pool_zombies', stat: 'max', label: 'zombies' },
            { metric: 'pool_hung', stat: 'max', label: 'hung executions' },
            { metric: 'pool_workers', stat: 'mean', label: 'workers (reported)' },
          ],
          rules: [{ y: p.workers, label: `${p.workers} workers expected` }],
          marks: timeline.marks,
        },
        {
          name: 'memory',
          title: 'Memory of all worker processes',
          yTitle: 'memory (MB)',
          lines: [{ metric: 'pool_memory_mb', stat: 'max', label: 'resident memory' }],
          rules: [{ y: healthyMb, label: `idle workers (${healthyMb} MB)` }],
          marks: timeline.marks,
        },
        {
          name: 'latency',
          title: 'Job latency (created to completed) per minute',
          yTitle: 'latency (s)',
          logScale: true,
          lines: [
            { metric: 'done_sojourn_s', stat: 'p50', label: 'p50' },
            { metric: 'done_sojourn_s', stat: 'p99', label: 'p99' },
            { metric: 'done_sojourn_s', stat: 'max', label: 'max' },
          ],
          rules: [{ y: 30, label: '30 s' }],
          marks: timeline.marks,
        },
      ],
    };
  },
});

/** A two-entry per-type list: `ordinaryValue` at the ordinary type's index, `toxicValue` at the toxic one's. */
function typed<T>(ordinary: number, toxic: number, ordinaryValue: T, toxicValue: T): T[] {
  const a: T[] = [];
  a[ordinary] = ordinaryValue;
  a[toxic] = toxicValue;
  return a;
}
