import {
  BatchAlert,
  BatchRunner,
  BatchTrigger,
  defineModel,
  DownstreamService,
  EffectLedger,
  IdempotencyKeys,
  createRetryPolicy,
  ItemCheckpoint,
  NoCheckpoint,
  NoIdempotency,
  Operator,
  param,
  parseDistribution,
} from '../src/index.ts';
import type { ChartDefinition, Counter } from '../src/index.ts';

/** At most this many marks per chart: an alert loop can re-press hundreds of times. */
const MAX_MARKS = 40;

type Fix = 'per-item' | 'restart' | 'checkpoint' | 'idempotency' | 'chunking' | 'surface-errors' | 'alert';

/**
 * Named bundles of policies for sweeps (a grid axis can only name values): each turns its
 * policies on in addition to any turned on one by one. The first rows are single policies,
 * the rest add one fix at a time in the order the capacity sweep says they are needed.
 */
const FIX_BUNDLES = {
  none: [],
  'per-item': ['per-item'],
  restart: ['restart'],
  checkpoint: ['checkpoint'],
  idempotency: ['idempotency'],
  chunking: ['chunking'],
  'surface-errors': ['surface-errors'],
  alert: ['alert'],
  'per-item+restart': ['per-item', 'restart'],
  'per-item+restart+checkpoint': ['per-item', 'restart', 'checkpoint'],
  'per-item+restart+checkpoint+chunking': ['per-item', 'restart', 'checkpoint', 'chunking'],
  all: ['per-item', 'restart', 'checkpoint', 'chunking', 'idempotency', 'surface-errors', 'alert'],
} as const satisfies Record<string, readonly Fix[]>;
const FIX_NAMES = Object.keys(FIX_BUNDLES) as (keyof typeof FIX_BUNDLES)[];

/** Chunk size a bundle with `chunking` uses when --chunk-size is unlimited: 4,200 characters a request. */
const BUNDLE_CHUNK_USERS = 500;
/** Restart threshold a bundle with `restart` uses when none is set, as a share of the memory limit. */
const BUNDLE_RESTART_RATIO = 0.75;

/**
 * The weekly batch run at K times its usual size. Every failure is a mechanism: the trigger's
 * request length limit, the downstream leak and crash, swallowed errors, one bad user
 * aborting the job, and operators re-pressing a batch that is not idempotent.
 */
export default defineModel({
  name: 'batch-scale-up',
  summary: 'A weekly batch at 5x its usual size stops and starts all weekend: leak, crash, swallowed errors, re-runs, duplicates',
  description:
    'A button starts a weekly batch: the trigger puts every user id in one request to the batch service, whose job ' +
    'calls a downstream service once per user, four at a time; each call moves money for that user. The usual ' +
    'batch is a few hundred users; --scale K runs K times as many. ' +
    'Mechanisms: (1) a request longer than the service accepts (Node.js rejects a request line and headers over ' +
    '16 KiB) is rejected outright and nothing runs. (2) The downstream service keeps about 1 MB per request it ' +
    'serves (a leak); at its memory limit it is killed, requests in flight fail (those past their commit point ' +
    'have already moved money) and it is down for its restart time. (3) The batch swallows downstream errors: the ' +
    'user counts as done, nobody is told. (4) The usual users have been through this batch every week, so their ' +
    'data problems were fixed long ago; a few in a hundred of the users the scale-up adds have data the job cannot ' +
    'handle, and one such user throws and aborts the whole job (requests already sent still commit; the job never ' +
    'records them). (5) Someone notices a stopped batch some hours later (a weekend) and presses the button again: ' +
    'without a checkpoint the batch starts over, and without idempotency keys every user it reaches again has ' +
    'money moved again. ' +
    'Policies: --chunk-size (users per request), --checkpoint (resume, skipping users already recorded), ' +
    '--idempotency-keys (the downstream ignores a repeated user), --per-item-failure (skip and report a bad user), ' +
    '--downstream-restart-at-mb (planned, draining restart before the limit), --surface-errors (a downstream error ' +
    'is seen instead of swallowed: retried with --retries, then it stops the batch), --alert (page someone when the ' +
    'batch stops), --fixes (named bundles of these, for sweeps). ' +
    'The incident report gives no figures beyond "a few hundred users", "5x" and "all weekend", so every parameter ' +
    'is a stated assumption; the run at 1x completes in minutes and the run at 5x reproduces the weekend.',
  duration: '64h',
  bucket: '1m',
  params: {
    scale: param.number({ default: 1, min: 0.01, max: 100, unit: 'x', description: 'batch size as a multiple of the usual weekly batch' }),
    baseUsers: param.int({ default: 400, min: 1, max: 1_000_000, unit: 'users', description: 'users in the usual weekly batch (scale 1)' }),
    badDataRatio: param.number({ default: 0.03, min: 0, max: 1, unit: 'ratio', description: 'share of the users added by the scale-up whose data makes processing throw (permanent failures)' }),
    baseBadDataRatio: param.number({ default: 0, min: 0, max: 1, unit: 'ratio', description: 'share of the usual users with such data; 0 because their problems were found and fixed in earlier weeks' }),
    userIdChars: param.int({ default: 8, min: 1, unit: 'chars', description: 'characters each user id adds to the request (a 7-digit id and a comma)' }),
    requestOverheadChars: param.int({ default: 200, min: 0, unit: 'chars', description: 'characters of the request line and headers apart from the ids' }),
    requestLimitChars: param.int({ default: 16384, min: 1, unlimited: true, unit: 'chars', description: 'longest request the batch service accepts (Node.js default max header size, 16 KiB)' }),
    chunkSize: param.int({ default: Infinity, min: 1, unlimited: true, unit: 'users', description: 'users per request to the batch service; unlimited = all in one request' }),
    batchConcurrency: param.int({ default: 4, min: 1, max: 10_000, unit: 'requests', description: 'downstream calls the batch job keeps in flight' }),
    downstreamLatency: param.distribution({ default: 'lognormal(2s, 1s)', description: 'time the downstream service takes per user' }),
    downstreamConcurrency: param.int({ default: 8, min: 1, max: 10_000, unit: 'requests', description: 'requests the downstream serves at once (the rest wait in its queue)' }),
    downstreamMemoryMb: param.number({ default: 512, min: 0, unit: 'MB', description: 'downstream memory just after a start' }),
    downstreamLeakMb: param.number({ default: 1, min: 0, unit: 'MB', description: 'memory the downstream keeps for good per request (the leak)' }),
    downstreamMemoryLimitMb: param.number({ default: 2048, min: 1, unit: 'MB', description: 'memory at which the downstream is killed (OOM)' }),
    downstreamRestartTime: param.duration({ default: '3m', min: 0, description: 'downstream down time after a crash or a planned restart' }),
    downstreamRestartAtMb: param.int({ default: Infinity, min: 1, unlimited: true, unit: 'MB', description: 'policy: planned, draining restart when memory reaches this; unlimited = never' }),
    downstreamCrashMtbf: param.duration({ default: 0, min: 0, description: 'mean time between downstream crashes unrelated to memory (a node dying); 0 = never' }),
    downstreamErrorLatency: param.duration({ default: '50ms', min: 0, description: 'time for a call to a crashed downstream to fail (connection refused)' }),
    commitAtRatio: param.number({ default: 0.5, min: 0, max: 1, unit: 'ratio', description: 'how far into a downstream call the money moves; a crash after that point still moved it' }),
    idempotencyKeys: param.bool({ default: false, description: 'policy: the downstream keys each movement by (week, user) and ignores a repeat' }),
    checkpoint: param.bool({ default: false, description: 'policy: the batch records each user it finishes and a re-run skips them' }),
    perItemFailure: param.bool({ default: false, description: 'policy: a user whose data fails is skipped and reported; off: the exception aborts the whole batch' }),
    surfaceErrors: param.bool({ default: false, description: 'policy: a downstream error is seen: retried (--retries), then it stops the batch; off: it is swallowed and the user counts as done' }),
    retries: param.int({ default: 0, min: 0, max: 100, unit: 'retries', description: 'policy, with --surface-errors: retries of a failed downstream call, exponential backoff with full jitter; 0 = the first error stops the batch' }),
    retryBase: param.duration({ default: '30s', min: 0, description: 'first retry backoff (doubling each retry, before jitter)' }),
    retryCap: param.duration({ default: '5m', min: 0, description: 'longest retry backoff' }),
    operatorDelay: param.distribution({ default: 'uniform(2h, 6h)', description: 'time until someone notices, unprompted, that the batch stopped and presses again (a weekend)' }),
    alert: param.bool({ default: false, description: 'policy: an alert pages someone when the batch has stopped before completing' }),
    alertFor: param.duration({ default: '5m', min: 0, description: 'how long the batch must stay stopped before the alert fires' }),
    alertResponse: param.duration({ default: '10m', min: 0, description: 'time from the page to pressing the button again' }),
    fixes: param.choice({
      choices: FIX_NAMES,
      default: 'none',
      description:
        `a bundle of the policies above, turned on in addition to those set one by one (for sweeps); chunking uses ${BUNDLE_CHUNK_USERS} users ` +
        `per request and restart ${BUNDLE_RESTART_RATIO * 100}% of the memory limit unless set`,
    }),
  },
  build(ctx, p) {
    const bundle: readonly Fix[] = FIX_BUNDLES[p.fixes];
    const fix = (f: Fix, flag: boolean) => flag || bundle.includes(f);
    const perItemFailure = fix('per-item', p.perItemFailure);
    const checkpoint = fix('checkpoint', p.checkpoint);
    const idempotencyKeys = fix('idempotency', p.idempotencyKeys);
    const surfaceErrors = fix('surface-errors', p.surfaceErrors);
    const alerting = fix('alert', p.alert);
    const chunkSize = bundle.includes('chunking') && !Number.isFinite(p.chunkSize) ? BUNDLE_CHUNK_USERS : p.chunkSize;
    const restartAtMb =
      bundle.includes('restart') && !Number.isFinite(p.downstreamRestartAtMb) ? Math.round(BUNDLE_RESTART_RATIO * p.downstreamMemoryLimitMb) : p.downstreamRestartAtMb;
    const users = Math.max(1, Math.round(p.baseUsers * p.scale));
    // One draw per user in user order, so user i has the same data at every scale (common
    // random numbers across a scale sweep). Users beyond the usual batch are the new ones.
    const dataRng = ctx.sim.rng('user-data');
    const badItems = new Uint8Array(users);
    let badUsers = 0;
    for (let i = 0; i < users; i++) {
      const ratio = i < p.baseUsers ? p.baseBadDataRatio : p.badDataRatio;
      if (dataRng.next() < ratio) {
        badItems[i] = 1;
        badUsers++;
      }
    }

    const ledger = new EffectLedger(ctx, 'users', users);
    const downstream = new DownstreamService(ctx, {
      name: 'downstream',
      latency: parseDistribution(p.downstreamLatency, '--downstream-latency'),
      concurrency: p.downstreamConcurrency,
      baselineMemoryMb: p.downstreamMemoryMb,
      leakPerRequestMb: p.downstreamLeakMb,
      memoryLimitMb: p.downstreamMemoryLimitMb,
      restartS: p.downstreamRestartTime,
      restartAtMb,
      crashMtbfS: p.downstreamCrashMtbf > 0 ? p.downstreamCrashMtbf : Infinity,
      errorLatencyS: p.downstreamErrorLatency,
      commitAtRatio: p.commitAtRatio,
      idempotency: idempotencyKeys ? new IdempotencyKeys(users) : new NoIdempotency(),
      effects: ledger,
    });
    const runner = new BatchRunner(ctx, {
      name: 'batch',
      downstream,
      concurrency: p.batchConcurrency,
      badItems,
      checkpoint: checkpoint ? new ItemCheckpoint(users) : new NoCheckpoint(),
      onItemFailure: perItemFailure ? 'skip' : 'stop',
      onDownstreamError: surfaceErrors ? 'stop' : 'swallow',
      retry: createRetryPolicy(ctx.sim.rng('retry'), { maxRetries: p.retries, backoff: 'exponential', baseS: p.retryBase, capS: p.retryCap, jitter: 'full' }),
    });
    const trigger = new BatchTrigger(ctx, {
      name: 'trigger',
      runner,
      chunkSize,
      idChars: p.userIdChars,
      overheadChars: p.requestOverheadChars,
      limitChars: p.requestLimitChars,
    });
    const operator = new Operator(ctx, {
      name: 'operator',
      trigger,
      noticeDelay: parseDistribution(p.operatorDelay, '--operator-delay'),
      pageResponseS: p.alertResponse,
    });
    const alert = alerting ? new BatchAlert(ctx, { name: 'alert', trigger, operator, forS: p.alertFor }) : null;
    // The run ends when the batch completes (in its own view); otherwise at --duration.
    trigger.observe({ batchStarted() {}, batchStopped() {}, batchCompleted: () => ctx.end() });
    ctx.sim.call(0, () => trigger.press());

    const bucketS = ctx.bucketS;
    const marks = (counter: Counter, label: string) => {
      const out: { t: number; label: string }[] = [];
      counter.series()[0]!.values.forEach((n, i) => {
        if (n > 0 && out.length < MAX_MARKS) out.push({ t: i * bucketS, label: n > 1 ? `${label} ×${n}` : label });
      });
      return out;
    };
    const memoryRules = [{ y: p.downstreamMemoryLimitMb, label: `limit ${p.downstreamMemoryLimitMb} MB` }];
    if (Number.isFinite(restartAtMb)) memoryRules.push({ y: restartAtMb, label: `planned restart at ${restartAtMb} MB` });

    return {
      summary: () => {
        const processed = ledger.processed.value;
        const failed = runner.failedItems.value;
        return {
          users_total: users,
          users_bad_data: badUsers,
          users_processed: processed,
          users_failed: failed,
          users_unprocessed: users - processed - failed,
          duplicates: ledger.duplicates.value,
          money_movements: ledger.applied.total,
          batch_completed: trigger.completions.total > 0 ? 1 : 0,
          makespan_s: ctx.endedAtS >= 0 ? ctx.endedAtS : ctx.durationS,
          batch_presses: trigger.presses.total,
          operator_restarts: operator.restarts.total,
          alerts_fired: alert ? alert.fired.total : 0,
          batch_stops: trigger.stops.total,
          batch_stops_bad_data: runner.stopsBadData.total,
          batch_stops_downstream_error: runner.stopsDownstreamError.total,
          batch_retries_total: runner.retries.total,
          batch_retry_success_ratio: runner.retries.total > 0 ? runner.retrySuccesses.total / runner.retries.total : NaN,
          request_chars: trigger.requestChars(Math.min(users, chunkSize)),
          requests_rejected: trigger.rejected.total,
          downstream_requests: downstream.requests.total,
          downstream_errors: downstream.errors.total,
          errors_swallowed: runner.errorsSwallowed.total,
          downstream_crashes: downstream.crashes.total,
          downstream_restarts: downstream.restarts.total,
          downstream_idempotent_replays: downstream.replays.total,
          downstream_memory_mb_max: downstream.memory.max,
          downstream_latency_p99_s: downstream.latency.quantile(0.99),
        };
      },
      // A getter: the marks come from the crash and re-press counters, read after the run.
      get charts(): ChartDefinition[] {
        return [
          {
            name: 'progress',
            title: 'Users whose money moved, and money moved twice',
            yTitle: 'users',
            lines: [
              { metric: 'users_processed', stat: 'max', label: 'processed (at least once)' },
              { metric: 'users_duplicates', stat: 'max', label: 'duplicate movements' },
              { metric: 'batch_failed_items', stat: 'max', label: 'failed (bad data)' },
            ],
            rules: [{ y: users, label: `${users} users` }],
            marks: marks(operator.restarts, 're-press'),
          },
          {
            name: 'downstream-memory',
            title: 'Downstream memory against its limit',
            yTitle: 'memory (MB)',
            lines: [{ metric: 'downstream_memory_mb', stat: 'max', label: 'max per minute' }],
            rules: memoryRules,
            marks: [...marks(downstream.crashes, 'crash'), ...marks(downstream.restarts, 'planned restart')],
          },
          {
            name: 'downstream-calls',
            title: 'Downstream calls and errors per second',
            yTitle: 'calls per second',
            lines: [
              { metric: 'downstream_requests', stat: 'count', label: 'requests', perS: true },
              { metric: 'downstream_errors', stat: 'count', label: 'errors', perS: true },
              { metric: 'batch_errors_swallowed', stat: 'count', label: 'errors swallowed by the batch', perS: true },
            ],
          },
        ];
      },
    };
  },
});
