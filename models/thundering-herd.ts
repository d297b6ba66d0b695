import {
  ApiTraffic,
  ArrivalProcess,
  ConnectionPool,
  CronSlots,
  Database,
  defineModel,
  Exponential,
  InputError,
  JobPoller,
  JobQueue,
  param,
  parseDistribution,
  PooledQuery,
  readScheduleFile,
  RecurringScheduler,
  type ChartDefinition,
  type Histogram,
  type JobSink,
  type ModelContext,
} from '../src/index.ts';

const HOUR_S = 3600;

/** Where jobs end: hourly jobs record how late they finished, background jobs their time since enqueue. */
class JobCompletions implements JobSink {
  readonly lateness: Histogram;
  readonly backgroundLatency: Histogram;
  private readonly hourlyType: number;

  constructor(private readonly ctx: ModelContext) {
    this.lateness = ctx.metrics.histogram('job_lateness_s');
    this.backgroundLatency = ctx.metrics.histogram('background_job_latency_s');
    this.hourlyType = ctx.jobs.typeId('hourly');
  }

  accept(job: number): void {
    const { jobs, sim } = this.ctx;
    const since = sim.now - jobs.createdAt[job]!;
    if (jobs.type[job] === this.hourlyType) this.lateness.record(since);
    else this.backgroundLatency.record(since);
    jobs.release(job);
  }
}

/** Minutes whose API p99 is above the SLO or that answered any 503, and the longest run of them. */
function outageMinutes(p99Ms: readonly number[], errors: readonly number[], sloMs: number): { total: number; longest: number } {
  let total = 0;
  let longest = 0;
  let run = 0;
  for (let i = 0; i < Math.max(p99Ms.length, errors.length); i++) {
    const bad = (p99Ms[i] ?? 0) > sloMs || (errors[i] ?? 0) > 0;
    run = bad ? run + 1 : 0;
    if (bad) total++;
    if (run > longest) longest = run;
  }
  return { total, longest };
}

export default defineModel({
  name: 'thundering-herd',
  summary: '5,000 hourly jobs rounded to :00 exhaust a DB connection pool shared with the API: 503s for 2–3 minutes every hour',
  description:
    'A web API and a background job worker share one PostgreSQL-like database through one pool of 200 connections. ' +
    'API requests arrive as a Poisson stream; each holds a connection while it runs a light query and its application code. ' +
    'Steady background jobs (emails, webhooks) have a worker loop of their own on the same pool. 5,000 recurring jobs each ' +
    'ask, at their own point of the hour, to "run next hour", and roundToNextHour makes every one due at :00:00: ' +
    'jobs_scheduled climbs through the hour to 5,000 just before :00. processReadyJobs polls the scheduled-jobs table ' +
    'every second with no LIMIT and starts everything it fetched at once (Promise.all). Each hourly job is 18 simple ' +
    'queries, 100-200 ms of database CPU in all, and like any ORM call outside a transaction each query borrows a ' +
    'connection and gives it back, so between its queries a job queues again behind everyone who asked meanwhile. The ' +
    'database has 5 cores shared by processor sharing: the herd takes all 200 connections and holds CPU at 100% for about ' +
    'three minutes. API requests queue behind thousands of job queries: those that get a connection within the 10 s ' +
    'acquire timeout are answered slowly (5-10 s), the rest get a 503 at the timeout.\n\n' +
    'Calibrated inputs (never outputs): API rate, query CPU and application time give the normal minutes (API p99 ' +
    '120-180 ms, DB CPU 25-35%, 45-65 connections, 15-25 jobs executing); 5 cores and 100-200 ms of CPU per hourly job ' +
    'give an outage of about three minutes; 18 queries per job (the write-up\'s "hundreds of concurrent simple queries") ' +
    'give the mix of slow answers and 503s of its traces. The background jobs cannot also be 100-200 ms of CPU: 20 always ' +
    'executing would be ~130 jobs/s, whose CPU alone exceeds the normal 25-35%, so they are light in CPU and hold a ' +
    'connection ~0.8 s.\n\n' +
    'Fixes to try: --jitter 15m (the write-up\'s first fix); --batch-size 50 --job-concurrency 1 (its second: fetch 50, ' +
    'run them one after another; the 5,000 finish within ~14 minutes, long before the next :00); --batch-size 50 ' +
    '--job-concurrency 50; --job-pool N (a separate pool for jobs, taken out of the same 200); --rounding false. ' +
    'Jobs waiting for a connection never time out: they finish late, they are not lost.',
  fidelity: 'docs/incidents/thundering-herd.md',
  duration: '4h',
  bucket: '1m',
  params: {
    hourlyJobs: param.int({ default: 5000, min: 0, max: 1_000_000, unit: 'jobs', description: 'recurring jobs, each run once an hour' }),
    rounding: param.bool({ default: true, description: 'the roundToNextHour bug: every hourly run is rounded up to :00:00' }),
    jitter: param.duration({ default: 0, min: 0, max: 1800, description: 'each hourly run moves by a uniform offset in [-jitter, +jitter] around its slot' }),
    pollInterval: param.duration({ default: '1s', min: 0.01, max: 3600, description: 'time between the worker\'s polls of the jobs table' }),
    batchSize: param.int({ default: Infinity, min: 1, unlimited: true, unit: 'jobs', description: 'LIMIT of each poll of the scheduled-jobs table (unlimited: the bug, every ready job)' }),
    jobConcurrency: param.int({
      default: Infinity,
      min: 1,
      unlimited: true,
      unit: 'jobs',
      description: 'hourly jobs of a fetched batch running at once, the next starting as one ends (unlimited: Promise.all over the batch; 1: one after another)',
    }),
    poolSize: param.int({ default: 200, min: 1, max: 100_000, unit: 'connections', description: 'database connections (the database\'s connection limit)' }),
    jobPool: param.int({ default: 0, min: 0, max: 100_000, unit: 'connections', description: 'connections given to jobs in a pool of their own, taken out of --pool-size (0: one pool shared by API and jobs)' }),
    apiAcquireTimeout: param.duration({ default: '10s', min: 0, max: 3600, description: 'an API request that waits this long for a connection is answered 503' }),
    dbCores: param.number({ default: 5, min: 0.01, max: 10_000, unit: 'cores', description: 'database CPU cores, shared by running queries (processor sharing)' }),
    apiRate: param.rate({ default: '320/s', min: 0, max: 100_000, description: 'API requests, a Poisson stream' }),
    apiQueryCpu: param.distribution({ default: 'exp(4ms)', description: 'database CPU work of each API request\'s query' }),
    apiAppTime: param.distribution({ default: 'lognormal(90ms, 20ms)', description: 'time an API request keeps its connection besides its query (application code, network)' }),
    hourlyJobCpu: param.distribution({ default: 'uniform(100ms, 200ms)', description: 'database CPU work of each hourly job, over all its queries' }),
    hourlyJobQueries: param.int({
      default: 18,
      min: 1,
      max: 10_000,
      unit: 'queries',
      description: 'simple queries each hourly job runs one after another, each borrowing a pooled connection and returning it (an ORM outside a transaction)',
    }),
    backgroundRate: param.rate({ default: '25/s', min: 0, max: 100_000, description: 'other background jobs (emails, webhooks), a Poisson stream served by a worker loop of their own' }),
    backgroundJobCpu: param.distribution({ default: 'exp(10ms)', description: 'database CPU work of each background job' }),
    backgroundJobTime: param.distribution({ default: 'uniform(500ms, 1100ms)', description: 'time a background job keeps its connection besides its query' }),
    sloP99: param.duration({ default: '1s', min: 0, description: 'a minute whose API p99 is above this, or with any 503, counts in outage_minutes' }),
    slowResponse: param.duration({ default: '5s', min: 0, description: 'an API request answered (not 503) after this long counts in api_slow_responses' }),
    schedule: param.schedule({ description: 'a crontab, Sidekiq-cron YAML or CronJob manifests whose jobs replace --hourly-jobs: each entry runs at its cron times (time 0 is Mon 2024-01-01 00:00 UTC; --rounding does not apply, --jitter does)' }),
  },
  build(ctx, p) {
    if (p.jobPool >= p.poolSize) {
      throw new InputError(`--job-pool ${p.jobPool} leaves no connections for the API out of --pool-size ${p.poolSize}; use a job pool smaller than the pool size, or 0 to share one pool`);
    }
    const { metrics } = ctx;
    // Job types first, so the runner's per-type distributions are a dense [hourly, background].
    const hourly = ctx.jobs.typeId('hourly');
    const background = ctx.jobs.typeId('background');
    const connections = metrics.gauge('db_connections');
    const db = new Database(ctx, { name: 'db', cores: p.dbCores });
    const shared = p.jobPool === 0;
    const apiPool = new ConnectionPool(ctx, { name: shared ? 'db_pool' : 'api_pool', size: p.poolSize - p.jobPool, serverConnections: connections });
    const jobPool = shared ? apiPool : new ConnectionPool(ctx, { name: 'job_pool', size: p.jobPool, serverConnections: connections });

    const api = new ApiTraffic(ctx, {
      name: 'api',
      ratePerS: p.apiRate,
      pool: apiPool,
      db,
      queryCpu: parseDistribution(p.apiQueryCpu),
      appTime: parseDistribution(p.apiAppTime),
      acquireTimeoutS: p.apiAcquireTimeout,
      slowS: p.slowResponse,
    });

    // One runner for both kinds of job; per type: [hourly, background].
    const completions = new JobCompletions(ctx);
    const runner = new PooledQuery(ctx, {
      name: 'job_runner',
      pool: jobPool,
      db,
      cpu: byType(hourly, background, parseDistribution(p.hourlyJobCpu), parseDistribution(p.backgroundJobCpu)),
      hold: byType(hourly, background, parseDistribution('0'), parseDistribution(p.backgroundJobTime)),
      queries: byType(hourly, background, p.hourlyJobQueries, 1),
      acquireTimeoutS: Infinity,
    });
    const executing = metrics.gauge('jobs_executing');
    // processReadyJobs: polls the scheduled-jobs table (LIMIT, Promise.all or one by one).
    const dueTable = new JobQueue(ctx, 'scheduled_jobs');
    const scheduledJobs = new JobPoller(ctx, {
      name: 'scheduled_jobs',
      queue: dueTable,
      intervalS: p.pollInterval,
      batchSize: p.batchSize,
      concurrency: p.jobConcurrency,
      run: runner,
      next: completions,
      executingTotal: executing,
    });
    // The steady jobs have a worker loop of their own, which starts whatever it finds.
    const backgroundQueue = new JobQueue(ctx, 'background_queue');
    const backgroundJobs = new JobPoller(ctx, {
      name: 'background_jobs',
      queue: backgroundQueue,
      intervalS: p.pollInterval,
      batchSize: Infinity,
      concurrency: Infinity,
      run: runner,
      next: completions,
      executingTotal: executing,
    });
    const finished: JobSink = {
      accept: (job) => (ctx.jobs.type[job] === hourly ? scheduledJobs : backgroundJobs).finished.accept(job),
    };
    runner.done = finished;
    runner.failed = finished;
    const scheduler = new RecurringScheduler(ctx, {
      // Names the gauge jobs_scheduled: rows waiting for their next_run_at.
      name: 'jobs',
      jobs: p.hourlyJobs,
      slots: p.schedule === 'none' ? undefined : new CronSlots(readScheduleFile(p.schedule), ctx.durationS + p.jitter),
      periodS: HOUR_S,
      roundToPeriod: p.rounding,
      jitterS: p.jitter,
      to: dueTable,
      type: 'hourly',
    });
    if (p.backgroundRate > 0) {
      new ArrivalProcess(ctx, { name: 'background', interarrival: new Exponential(1 / p.backgroundRate), to: backgroundQueue, type: 'background' });
    }

    const cpu = db.cpu;
    return {
      summary: () => {
        const outage = outageMinutes(api.latency.bucketValues('p99'), api.errors.series()[0]!.values, p.sloP99 * 1000);
        return {
          api_requests: api.responses,
          api_latency_p50_ms: api.latency.quantile(0.5),
          api_latency_p99_ms: api.latency.quantile(0.99),
          api_latency_p99_ms_worst_minute: api.latency.bucketWorst('p99'),
          api_errors: api.errors.total,
          api_error_ratio: api.errors.total / Math.max(1, api.responses),
          api_slow_responses: api.slow.total,
          outage_minutes: outage.total,
          outage_longest_minutes: outage.longest,
          db_connections_mean: connections.mean,
          db_connections_max: connections.max,
          db_cpu_mean_ratio: cpu.mean,
          // Per-minute mean, as a monitoring dashboard shows CPU; the instantaneous max is 1 whenever cores are briefly all busy.
          db_cpu_max_ratio: Math.max(0, ...cpu.bucketMeans().filter((v) => v === v)),
          db_query_p99_s: db.queryTime.quantile(0.99),
          hourly_runs: scheduler.runs.total,
          jobs_scheduled_max: scheduler.scheduled.max,
          jobs_started: scheduledJobs.started.total + backgroundJobs.started.total,
          jobs_executing_mean: executing.mean,
          jobs_executing_max: executing.max,
          jobs_due_max: dueTable.depth.max,
          background_queue_depth_max: backgroundQueue.depth.max,
          // Hourly runs due and not yet finished when the run ends (the backlog left).
          hourly_jobs_unfinished: scheduler.runs.total - completions.lateness.count,
          job_lateness_p99_s: completions.lateness.quantile(0.99),
          job_lateness_max_s: completions.lateness.max,
          background_job_latency_p99_s: completions.backgroundLatency.quantile(0.99),
        };
      },
      charts: charts(p.poolSize, p.jobPool, p.sloP99),
    };
  },
});

function byType<T>(hourly: number, background: number, forHourly: T, forBackground: T): T[] {
  const out: T[] = [];
  out[hourly] = forHourly;
  out[background] = forBackground;
  return out;
}

function charts(poolSize: number, jobPool: number, sloS: number): ChartDefinition[] {
  const hour = { s: HOUR_S, label: ':00' };
  const poolRules = [{ y: poolSize, label: `pool ${poolSize}` }];
  if (jobPool > 0) poolRules.push({ y: jobPool, label: `job pool ${jobPool}` });
  return [
    {
      name: 'api-latency',
      title: 'API latency per minute (503s count at their timeout)',
      yTitle: 'latency (ms)',
      logScale: true,
      every: hour,
      lines: [
        { metric: 'api_latency_ms', stat: 'p50', label: 'p50' },
        { metric: 'api_latency_ms', stat: 'p99', label: 'p99' },
      ],
      rules: [{ y: sloS * 1000, label: 'SLO p99' }],
    },
    {
      name: 'api-errors',
      title: 'API 503s per minute',
      yTitle: '503s per minute',
      every: hour,
      lines: [{ metric: 'api_errors', stat: 'count', label: '503s' }],
    },
    {
      name: 'db-connections',
      title: 'Database connections in use',
      yTitle: 'connections',
      every: hour,
      lines: [
        { metric: 'db_connections', stat: 'max', label: 'max' },
        { metric: 'db_connections', stat: 'mean', label: 'mean' },
      ],
      rules: poolRules,
    },
    {
      name: 'jobs',
      title: 'Hourly jobs scheduled, due and executing',
      yTitle: 'jobs',
      every: hour,
      lines: [
        { metric: 'jobs_scheduled', stat: 'max', label: 'scheduled, waiting for next_run_at (max)' },
        { metric: 'scheduled_jobs_depth', stat: 'max', label: 'due, not yet fetched (max)' },
        { metric: 'jobs_executing', stat: 'max', label: 'executing, all jobs (max)' },
      ],
    },
    {
      name: 'db-cpu',
      title: 'Database CPU',
      yTitle: 'CPU (%)',
      scale: 100,
      every: hour,
      lines: [{ metric: 'db_cpu_ratio', stat: 'mean', label: 'mean per minute' }],
      rules: [{ y: 100, label: '100%' }],
    },
  ];
}
