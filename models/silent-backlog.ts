import {
  ArrivalProcess,
  BackoffRetryPolicy,
  ClassQueue,
  ConstantBackoff,
  Departures,
  Exponential,
  FailedJobs,
  FaultTimeline,
  Fifo,
  Monitor,
  OldestJobAgeProbe,
  Priority,
  ProcessPool,
  Redelivery,
  SlaDepartures,
  StaticProbe,
  Supervisor,
  WorkersAliveProbe,
  defineModel,
  param,
  parseDistribution,
  type EventHandler,
  type JobSink,
  type Probe,
} from '../src/index.ts';

/** How often the model looks for the end of the backlog, seconds (the resolution of the drain times). */
const WATCH_S = 10;

export default defineModel({
  name: 'silent-backlog',
  summary: 'Workers die in an upgrade on a quiet night; the health check never looks at them, and print jobs wait 12 h',
  description:
    'The run starts at 18:00. Four worker processes serve one queue: user-facing print jobs (normally done in a few ' +
    'seconds) and many low-priority stats pings. At upgrade-at (20:00) an upgrade kills every worker and nothing ' +
    'starts them again; jobs they were running are redelivered to the queue. A health check runs every minute over ' +
    'web, DB and app logic, which all stay healthy, so it never alerts: the backlog grows all night (~6,000 jobs) ' +
    'until someone notices at someone-notices (08:30) and restarts the workers after operator-response. The first ' +
    'print job of the night waits over 12 hours, and with FIFO the prints queued behind the night\'s pings wait for the ' +
    'whole backlog to drain. Fixes: --probe-workers and --probe-queue-age (the health check looks at live workers ' +
    'and at the oldest job\'s age; alert after --alert-after consecutive failures, an operator restarts the workers ' +
    'operator-response later), --supervisor (a process supervisor restarts dead workers within seconds), ' +
    '--discipline priority (print jobs before pings when the workers come back). Arrival rates are the ' +
    'parameters; the backlog, the waits and the users affected come from the mechanism.',
  duration: '16h',
  bucket: '5m',
  params: {
    workers: param.int({ default: 4, min: 1, max: 10000, unit: 'workers', description: 'worker processes' }),
    printRate: param.rate({ default: '24/h', min: 0, description: 'arrival rate of print jobs (Poisson)' }),
    pingRate: param.rate({ default: '450/h', min: 0, description: 'arrival rate of stats pings (Poisson)' }),
    printDuration: param.distribution({ default: 'lognormal(2s, 0.8s)', description: 'time to run a print job' }),
    pingDuration: param.distribution({ default: 'lognormal(0.6s, 0.3s)', description: 'time to run a stats ping' }),
    printSla: param.duration({ default: '1m', min: 0, description: 'a print job done later than this after it was submitted counts as delayed' }),
    users: param.int({ default: 120, min: 1, max: 10000000, unit: 'users', description: 'people who submit print jobs (each job from one at random)' }),
    upgradeAt: param.duration({ default: '2h', min: 0, description: 'when the upgrade kills every worker (from the run start, 18:00)' }),
    bootTime: param.duration({ default: '30s', min: 0, description: 'time a restarted worker takes to load' }),
    someoneNotices: param.duration({ default: '14h30m', min: 0, description: 'when someone notices without any alert (08:30), from the run start' }),
    operatorResponse: param.duration({ default: '15m', min: 0, description: 'from an alert or someone noticing to the workers being restarted' }),
    checkInterval: param.duration({ default: '1m', min: 0.001, description: 'time between health checks' }),
    alertAfter: param.int({ default: 2, min: 1, unit: 'checks', description: 'consecutive failed health checks that raise an alert' }),
    probeWorkers: param.bool({ default: false, description: 'the health check also fails when no worker is alive' }),
    probeQueueAge: param.bool({ default: false, description: 'the health check also fails when the oldest queued job is older than max-queue-age' }),
    maxQueueAge: param.duration({ default: '10m', min: 0, description: 'oldest-job age the queue-age probe tolerates' }),
    supervisor: param.bool({ default: false, description: 'a process supervisor restarts dead workers (checks every 10 s)' }),
    discipline: param.choice({ choices: ['fifo', 'priority'] as const, default: 'fifo', description: 'fifo: one line for all jobs; priority: print jobs before pings' }),
  },
  build(ctx, p) {
    const { sim, jobs } = ctx;
    const printType = jobs.typeId('print');
    const pingType = jobs.typeId('ping');
    const queue = new ClassQueue(ctx, 'queue', ['print', 'ping'], p.discipline === 'priority' ? new Priority() : new Fifo());
    const printsDone = new SlaDepartures(ctx, { name: 'print', slaS: p.printSla, users: p.users });
    const pingsDone = new Departures(ctx, 'ping');
    const byType: JobSink = { accept: (job) => (jobs.type[job] === printType ? printsDone : pingsDone).accept(job) };
    const failed = new FailedJobs(ctx, 'failed');
    const pool = new ProcessPool(ctx, {
      name: 'pool',
      workers: p.workers,
      queue,
      service: typed(printType, pingType, parseDistribution(p.printDuration, 'print-duration'), parseDistribution(p.pingDuration, 'ping-duration')),
      bootS: p.bootTime,
      next: byType,
      // A job running when its worker died was never acknowledged: the broker puts it back at once.
      failures: new Redelivery(ctx, {
        name: 'redelivery',
        policy: new BackoffRetryPolicy({ maxRetries: Infinity, backoff: new ConstantBackoff(0), rng: sim.rng('redelivery') }),
        to: queue,
        giveUp: failed,
      }),
    });

    const timeline = new FaultTimeline(ctx, 'faults');
    const detectionDelay = ctx.metrics.histogram('detection_delay_s');
    const printDepth = queue.depthOf('print');
    const drain = new DrainWatch(ctx.sim, () => pool.ready >= pool.target && queue.length === 0, () => pool.ready > 0 && printDepth.value === 0);
    let detected = false;
    const detect = (label: string) => {
      if (detected || sim.now < p.upgradeAt) return;
      detected = true;
      detectionDelay.record(sim.now - p.upgradeAt);
      timeline.mark(label);
    };
    const restart = () => {
      // No mark: it would sit on the detection mark's label; the backlog's fall shows the restart.
      if (pool.replenish() > 0) drain.start(sim.now);
    };
    timeline.add({ atS: p.upgradeAt, label: 'upgrade: workers die', apply: () => pool.killWorkers() });
    // Not a fault: marked only if there is something to notice.
    sim.call(p.someoneNotices, () => {
      if (pool.workers >= pool.target) return;
      detect('someone notices');
      sim.call(p.operatorResponse, restart);
    });

    const probes: Probe[] = [new StaticProbe('web'), new StaticProbe('db'), new StaticProbe('app')];
    if (p.probeWorkers) probes.push(new WorkersAliveProbe(pool, 1));
    if (p.probeQueueAge) probes.push(new OldestJobAgeProbe(queue, p.maxQueueAge));
    const monitor = new Monitor(ctx, {
      name: 'health',
      probes,
      intervalS: p.checkInterval,
      alertAfter: p.alertAfter,
      reactionDelayS: p.operatorResponse,
      onAlert: () => detect('alert'),
      reaction: restart,
    });
    if (p.supervisor) {
      new Supervisor(ctx, {
        name: 'supervisor',
        pool,
        mode: 'kill-first',
        checkIntervalS: 10,
        onReplace: () => {
          detect('supervisor restarts workers');
          drain.start(sim.now);
        },
      });
    }

    const stamp = sim.rng('users');
    const withUser: JobSink = {
      accept: (job) => {
        jobs.data[job] = stamp.int(p.users);
        queue.accept(job);
      },
    };
    const prints = new ArrivalProcess(ctx, { name: 'print_arrivals', interarrival: new Exponential(1 / p.printRate), to: withUser, type: 'print', priority: 0 });
    const pings = new ArrivalProcess(ctx, { name: 'ping_arrivals', interarrival: new Exponential(1 / p.pingRate), to: queue, type: 'ping', priority: 1 });

    return {
      summary: () => ({
        backlog_max: queue.depth.max,
        backlog_print_max: queue.depthOf('print').max,
        backlog_ping_max: queue.depthOf('ping').max,
        detection_delay_s: detectionDelay.count > 0 ? detectionDelay.max : NaN,
        recovery_s: drain.allDrainedAtS - p.upgradeAt,
        backlog_drain_s: drain.allDrainedAtS - drain.restartedAtS,
        print_drain_s: drain.printDrainedAtS - drain.restartedAtS,
        print_delay_max_s: printsDone.delay.max,
        print_delay_p50_s: printsDone.delay.quantile(0.5),
        print_jobs_delayed: printsDone.late.total,
        users_affected: printsDone.usersAffected.total,
        ping_delay_max_s: pingsDone.sojourn.max,
        alerts: monitor.alerts.total,
        worker_restarts: pool.spawned.total - p.workers,
        jobs_created: prints.arrivals.total + pings.arrivals.total,
        jobs_completed: printsDone.count.total + pingsDone.count.total,
        jobs_failed: failed.count.total,
        jobs_queued: queue.length,
        jobs_running: pool.busy.value,
      }),
      charts: [
        {
          name: 'backlog',
          title: 'Backlog by class',
          yTitle: 'jobs waiting',
          lines: [
            { metric: 'queue_depth_ping', stat: 'max', label: 'stats pings' },
            { metric: 'queue_depth_print', stat: 'max', label: 'print jobs' },
          ],
          marks: timeline.marks,
        },
        {
          name: 'workers',
          title: 'Workers alive vs what the health check sees',
          yTitle: 'workers / failing checks',
          lines: [
            { metric: 'pool_workers', stat: 'mean', label: 'workers alive' },
            { metric: 'health_unhealthy', stat: 'max', label: 'health check failing (1)' },
          ],
          rules: [{ y: p.workers, label: `${p.workers} workers` }],
          marks: timeline.marks,
        },
        {
          name: 'print-delay',
          title: 'Print job delay (submitted to printed), worst per 5 minutes',
          yTitle: 'delay (s)',
          logScale: true,
          lines: [{ metric: 'print_delay_s', stat: 'max', label: 'worst print job' }],
          rules: [{ y: p.printSla, label: 'SLA' }],
          marks: timeline.marks,
        },
      ],
    };
  },
});

/**
 * Looks every WATCH_S seconds, from the workers' restart on, for the moment service is back
 * and the whole backlog, and the print backlog, have drained. A cold-path poll: its
 * resolution is WATCH_S.
 */
class DrainWatch implements EventHandler {
  restartedAtS = NaN;
  allDrainedAtS = NaN;
  printDrainedAtS = NaN;
  private running = false;

  constructor(
    private readonly sim: { readonly now: number; schedule(delayS: number, h: EventHandler): unknown },
    private readonly allEmpty: () => boolean,
    private readonly printsEmpty: () => boolean,
  ) {}

  start(now: number): void {
    if (this.running || this.restartedAtS === this.restartedAtS) return;
    this.running = true;
    this.restartedAtS = now;
    this.handleEvent();
  }

  handleEvent(): void {
    const now = this.sim.now;
    if (this.printDrainedAtS !== this.printDrainedAtS && this.printsEmpty()) this.printDrainedAtS = now;
    if (this.allEmpty()) this.allDrainedAtS = now;
    if (this.allDrainedAtS !== this.allDrainedAtS || this.printDrainedAtS !== this.printDrainedAtS) this.sim.schedule(WATCH_S, this);
    else this.running = false;
  }
}

function typed<T>(a: number, b: number, va: T, vb: T): T[] {
  const out: T[] = [];
  out[a] = va;
  out[b] = vb;
  return out;
}
