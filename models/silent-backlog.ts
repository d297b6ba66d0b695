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
    'The run starts at 22:00 on a Friday. Four Delayed::Job worker processes serve one queue: user-facing print jobs ' +
    '(normally done in under five seconds, while the page polls for the result) and many low-priority stats pings. At ' +
    '23:30 (upgrade-at) an OS upgrade kills every worker and nothing starts them again: the process monitor has the ' +
    'workers commented out, and the post-deploy checklist\'s "verify you can print", done at midnight, used Print ' +
    'Preview, which does not use the workers. The external health check runs every minute over web, app server, DB and app ' +
    'logic, which all stay healthy, so it never alerts. Jobs pile up all night (about 6,000, nearly all pings), until ' +
    'the owner reads a customer\'s email late on Saturday morning (someone-notices, 11:40) and restarts the workers ' +
    'operator-response later; with one FIFO queue the prints behind the night\'s pings wait for the backlog to drain, ' +
    'and the first print job of the night waits over 12 hours.\n\n' +
    'Users: 25,000, each print job from one of them at random; 5 prints an hour on a Saturday night (an input, from ' +
    'the write-up\'s 60 users over the outage), so the users affected follow from the print rate, the length of the ' +
    'outage and the user base; 3% of users pay (an assumption: the write-up\'s 2 of 60). The backlog and the waits ' +
    'come from the arrival rates and the outage. With so few prints one seed can mislead: seed 1 has 43 users ' +
    'affected and a 12.3 h worst wait, the median of five seeds 54 and 12.1 h, the range over nine 43-65; the check ' +
    'judges them by the median of five seeds.\n\n' +
    'Fixes: --probe-workers and --probe-queue-age (the health check looks at live workers and at the oldest job\'s ' +
    'age; alert after --alert-after consecutive failures, then a restart operator-response later), --supervisor (a ' +
    'process monitor restarts dead workers within seconds), --post-deploy-check (follow the checklist: print a real ' +
    'card after the upgrade), --discipline priority (print jobs before pings when the workers come back). What-if: ' +
    '--print-rate 480/h, the week before Valentine\'s Day (over 5,000 users affected).',
  fidelity: 'docs/incidents/silent-backlog.md',
  duration: '15h',
  bucket: '5m',
  params: {
    workers: param.int({ default: 4, min: 1, max: 10000, unit: 'workers', description: 'worker processes' }),
    printRate: param.rate({ default: '5/h', min: 0, description: 'arrival rate of print jobs on a Saturday night (Poisson)' }),
    pingRate: param.rate({ default: '500/h', min: 0, description: 'arrival rate of stats pings (Poisson)' }),
    printDuration: param.distribution({ default: 'lognormal(2s, 0.8s)', description: 'time to run a print job' }),
    pingDuration: param.distribution({ default: 'lognormal(0.6s, 0.3s)', description: 'time to run a stats ping' }),
    printSla: param.duration({ default: '1m', min: 0, description: 'a print job done later than this after it was submitted counts as delayed' }),
    users: param.int({ default: 25_000, min: 1, max: 10_000_000, unit: 'users', description: 'registered users; each print job is from one of them at random' }),
    payingRatio: param.number({ default: 0.03, min: 0, max: 1, unit: 'ratio', description: 'share of the users who are paying customers' }),
    upgradeAt: param.duration({ default: '1h30m', min: 0, description: 'when the upgrade kills every worker (from the run start, 22:00: 23:30)' }),
    bootTime: param.duration({ default: '30s', min: 0, description: 'time a restarted worker takes to load' }),
    someoneNotices: param.duration({ default: '13h40m', min: 0, description: 'when someone notices without any alert (the owner reads a customer\'s email, 11:40), from the run start' }),
    operatorResponse: param.duration({ default: '15m', min: 0, description: 'from an alert or someone noticing to the workers being restarted' }),
    checkInterval: param.duration({ default: '1m', min: 0.001, description: 'time between health checks' }),
    alertAfter: param.int({ default: 2, min: 1, unit: 'checks', description: 'consecutive failed health checks that raise an alert' }),
    probeWorkers: param.bool({ default: false, description: 'the health check also fails when no worker is alive' }),
    probeQueueAge: param.bool({ default: false, description: 'the health check also fails when the oldest queued job is older than max-queue-age' }),
    maxQueueAge: param.duration({ default: '10m', min: 0, description: 'oldest-job age the queue-age probe tolerates' }),
    supervisor: param.bool({ default: false, description: 'a process supervisor restarts dead workers (checks every 10 s)' }),
    postDeployCheck: param.bool({ default: false, description: 'the checklist followed: a real card printed after the upgrade, which fails if no worker runs it' }),
    postDeployCheckAfter: param.duration({ default: '10m', min: 0, description: 'time from the upgrade to the post-deploy print test' }),
    discipline: param.choice({ choices: ['fifo', 'priority'] as const, default: 'fifo', description: 'fifo: one line for all jobs; priority: print jobs before pings' }),
  },
  build(ctx, p) {
    const { sim, jobs } = ctx;
    const printType = jobs.typeId('print');
    const pingType = jobs.typeId('ping');
    const queue = new ClassQueue(ctx, 'queue', ['print', 'ping'], p.discipline === 'priority' ? new Priority() : new Fifo());
    const payingUsers = Math.round(p.payingRatio * p.users);
    const printsDone = new SlaDepartures(ctx, { name: 'print', slaS: p.printSla, users: p.users, specialUsers: payingUsers });
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
    if (p.postDeployCheck) {
      // A print test waits for its card; with no worker alive it never comes, and the owner restarts them.
      sim.call(p.upgradeAt + p.postDeployCheckAfter, () => {
        if (pool.workers >= pool.target) return;
        detect('post-deploy print test fails');
        sim.call(p.operatorResponse, restart);
      });
    }
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
        paying_users_affected: printsDone.specialUsersAffected.total,
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
