// The public API: what a model file (built-in or a user's own) imports, and what the API
// reference (`npm run docs`) documents. The simulator's own internals (the event queue, the
// job table's class, the worker-process table, the process layer's plumbing) are in
// src/internal.ts, for sim's own tests and tools.

export { InputError } from './input-error.ts';

// kernel
export type { EventHandle, EventHandler } from './kernel/event-queue.ts';
export { Simulation } from './kernel/simulation.ts';
export type { Clock } from './kernel/simulation.ts';
export { Rng } from './kernel/rng.ts';
export { formatDuration, parseDuration } from './kernel/duration.ts';
export { formatRate, parseRate } from './kernel/rate.ts';
export { Constant } from './kernel/distributions/constant.ts';
export { Empirical } from './kernel/distributions/empirical.ts';
export { Exponential } from './kernel/distributions/exponential.ts';
export { Gamma } from './kernel/distributions/gamma.ts';
export { Lognormal } from './kernel/distributions/lognormal.ts';
export { Quantiles } from './kernel/distributions/quantiles.ts';
export { TruncatedNormal } from './kernel/distributions/truncated-normal.ts';
export { Uniform } from './kernel/distributions/uniform.ts';
export { Weibull } from './kernel/distributions/weibull.ts';
export { DISTRIBUTION_FORMS, parseDistribution } from './kernel/distributions/parse-distribution.ts';
export type { Distribution } from './kernel/distributions/distribution.ts';

// metrics
export { Counter } from './metrics/counter.ts';
export { Gauge } from './metrics/gauge.ts';
export { Histogram } from './metrics/histogram.ts';
export { Metrics } from './metrics/metrics.ts';
export type { HistogramStat } from './metrics/histogram.ts';
export type { LogHistogram } from './metrics/log-histogram.ts';
export type { Series } from './metrics/series.ts';

// components
export { ArrivalProcess } from './components/jobs/arrival-process.ts';
export { Departures } from './components/jobs/departures.ts';
export { Fifo } from './components/disciplines/fifo.ts';
export { Priority } from './components/disciplines/priority.ts';
export { JobQueue } from './components/jobs/job-queue.ts';
export { WorkerPool } from './components/servers/worker-pool.ts';
export { ApiTraffic } from './components/servers/api-traffic.ts';
export { ConnectionPool } from './components/servers/connection-pool.ts';
export { Database } from './components/servers/database.ts';
export { JobPoller } from './components/jobs/job-poller.ts';
export { PooledQuery } from './components/servers/pooled-query.ts';
export { RecurringScheduler } from './components/jobs/recurring-scheduler.ts';
export { ReleaseJob } from './components/jobs/release-job.ts';
// retry policies
export { BackoffRetryPolicy } from './components/resilience/retry/backoff-retry-policy.ts';
export { BlindClassification } from './components/resilience/retry/blind-classification.ts';
export { ConstantBackoff } from './components/resilience/retry/constant-backoff.ts';
export { BACKOFF_KINDS, CLASSIFICATION_KINDS, createRetryPolicy, JITTER_KINDS } from './components/resilience/retry/create-retry-policy.ts';
export { DecorrelatedJitter } from './components/resilience/retry/decorrelated-jitter.ts';
export { EqualJitter } from './components/resilience/retry/equal-jitter.ts';
export { ExponentialBackoff } from './components/resilience/retry/exponential-backoff.ts';
export { FailureClass } from './components/resilience/retry/failure-class.ts';
export { FullJitter } from './components/resilience/retry/full-jitter.ts';
export { LinearBackoff } from './components/resilience/retry/linear-backoff.ts';
export { NoJitter } from './components/resilience/retry/no-jitter.ts';
export { NoRetry } from './components/resilience/retry/no-retry.ts';
export { GiveUp } from './components/resilience/retry/retry-policy.ts';
export { TokenBucketBudget } from './components/resilience/retry/token-bucket-budget.ts';
export { TransientOnlyClassification } from './components/resilience/retry/transient-only-classification.ts';
export { UnlimitedBudget } from './components/resilience/retry/unlimited-budget.ts';
// staged item processing
export { ItemMix } from './components/batch/staged/item-mix.ts';
export { StagedProcessor } from './components/batch/staged/staged-processor.ts';
// downstream services and batches
export { BatchAlert } from './components/batch/batch-alert.ts';
export { BatchRunner } from './components/batch/batch-runner.ts';
export { BatchTrigger } from './components/batch/batch-trigger.ts';
export { ItemCheckpoint } from './components/batch/checkpoint/item-checkpoint.ts';
export { NoCheckpoint } from './components/batch/checkpoint/no-checkpoint.ts';
export { DownstreamService } from './components/servers/downstream-service.ts';
export { EffectLedger } from './components/batch/effect-ledger.ts';
export { IdempotencyKeys } from './components/resilience/idempotency/idempotency-keys.ts';
export { NoIdempotency } from './components/resilience/idempotency/no-idempotency.ts';
export { Operator } from './components/batch/operator.ts';
// worker processes, supervision, breakers, monitoring, faults
export { CircuitBreaker } from './components/resilience/breakers/circuit-breaker.ts';
export { NoBreaker } from './components/resilience/breakers/no-breaker.ts';
export { ClassQueue } from './components/jobs/class-queue.ts';
export { DeadLetterQueue } from './components/resilience/dead-letter-queue.ts';
export { FailedJobs } from './components/resilience/failed-jobs.ts';
export { FaultTimeline } from './components/operations/fault-timeline.ts';
export { Monitor } from './components/operations/monitor.ts';
export { OldestJobAgeProbe } from './components/operations/probes/oldest-job-age-probe.ts';
export { QueueDepthProbe } from './components/operations/probes/queue-depth-probe.ts';
export { StaticProbe } from './components/operations/probes/static-probe.ts';
export { WorkersAliveProbe } from './components/operations/probes/workers-alive-probe.ts';
export { ProcessPool } from './components/servers/process-pool/process-pool.ts';
export { ProcessState } from './components/servers/process-pool/process-table.ts';
export { Redelivery } from './components/resilience/redelivery.ts';
export { SlaDepartures } from './components/jobs/sla-departures.ts';
export { Supervisor } from './components/operations/supervisor.ts';
export type { ArrivalProcessOptions } from './components/jobs/arrival-process.ts';
export type { ComponentEnv } from './components/component-env.ts';
export type { JobStore } from './components/jobs/job-store.ts';
export type { ProcessTable } from './components/servers/process-pool/process-table.ts';
export type { QueueDiscipline } from './components/disciplines/queue-discipline.ts';
export type { JobConsumer } from './components/jobs/job-queue.ts';
export type { JobSink } from './components/jobs/job-sink.ts';
export type { WorkerPoolOptions } from './components/servers/worker-pool.ts';
export type { ApiTrafficOptions } from './components/servers/api-traffic.ts';
export type { ConnectionPoolOptions, PoolRequester } from './components/servers/connection-pool.ts';
export type { DatabaseOptions, QueryRequester } from './components/servers/database.ts';
export type { JobPollerOptions } from './components/jobs/job-poller.ts';
export type { PooledQueryOptions } from './components/servers/pooled-query.ts';
export type { RecurringSchedulerOptions, RunSlots } from './components/jobs/recurring-scheduler.ts';
export type { Backoff } from './components/resilience/retry/backoff.ts';
export type { BackoffRetryPolicyOptions } from './components/resilience/retry/backoff-retry-policy.ts';
export type { RetryPolicySpec } from './components/resilience/retry/create-retry-policy.ts';
export type { Jitter } from './components/resilience/retry/jitter.ts';
export type { RetryBudget } from './components/resilience/retry/retry-budget.ts';
export type { RetryClassification } from './components/resilience/retry/retry-classification.ts';
export type { RetryPolicy } from './components/resilience/retry/retry-policy.ts';
export type { ItemType } from './components/batch/staged/item-type.ts';
export type { StageSpec } from './components/batch/staged/stage-spec.ts';
export type { StagedProcessorOptions } from './components/batch/staged/staged-processor.ts';
export type { BatchAlertOptions } from './components/batch/batch-alert.ts';
export type { BatchRunListener, BatchRunnerOptions } from './components/batch/batch-runner.ts';
export type { BatchObserver, BatchTriggerOptions } from './components/batch/batch-trigger.ts';
export type { Checkpoint } from './components/batch/checkpoint/checkpoint.ts';
export type { DownstreamCaller, DownstreamServiceOptions, SideEffectSink } from './components/servers/downstream-service.ts';
export type { Idempotency } from './components/resilience/idempotency/idempotency.ts';
export type { OperatorOptions } from './components/batch/operator.ts';
export type { Breaker } from './components/resilience/breakers/breaker.ts';
export type { CircuitBreakerOptions } from './components/resilience/breakers/circuit-breaker.ts';
export type { FailureSink } from './components/resilience/failure-sink.ts';
export type { Fault } from './components/operations/fault-timeline.ts';
export type { MonitorOptions } from './components/operations/monitor.ts';
export type { Probe } from './components/operations/probes/probe.ts';
export type { ProcessPoolOptions, TimeoutAction } from './components/servers/process-pool/process-pool-options.ts';
export type { RedeliveryOptions } from './components/resilience/redelivery.ts';
export type { SlaDeparturesOptions } from './components/jobs/sla-departures.ts';
export type { SupervisorMode, SupervisorOptions } from './components/operations/supervisor.ts';

// processes: models written as generators (SimPy's way)
export { acquire, release } from './process/commands/acquire.ts';
export { hold, holdUntil } from './process/commands/hold.ts';
export { query } from './process/commands/query.ts';
export { put, take } from './process/commands/take.ts';
export { first, wait } from './process/commands/wait.ts';
export { Command } from './process/command.ts';
export { Interrupt } from './process/interrupt-error.ts';
export { retry } from './process/retry.ts';
export { ModelError } from './process/model-error.ts';
export { Process } from './process/process.ts';
export { BaseResource } from './process/resources/base-resource.ts';
export { Resource } from './process/resources/resource.ts';
export { Store } from './process/resources/store.ts';
export { Signal } from './process/signal.ts';
export { interrupt, now, spawn } from './process/spawn.ts';
export { Every, every, startAt } from './process/starts/every.ts';
export { Source, source } from './process/starts/source.ts';
export type { QueueOptions, WaitOptions } from './process/commands/options.ts';
export type { Waitable } from './process/commands/wait.ts';
export type { ProcessBody, Waiting } from './process/process.ts';
export type { AttemptResult, RetryOutcome } from './process/retry.ts';
export type { BaseResourceOptions } from './process/resources/base-resource.ts';
export type { ResourceOptions } from './process/resources/resource.ts';
export type { StoreOptions } from './process/resources/store.ts';
export type { SimHolder } from './process/spawn.ts';
export type { EveryOptions } from './process/starts/every.ts';
export type { SourceOptions } from './process/starts/source.ts';

// arrivals, and load that varies in time
export { ARRIVAL_TIMES_FORMS, arrivalTimesFormsText, parseArrivalTimes } from './kernel/arrivals/parse-arrival-times.ts';
export { PoissonArrivals } from './kernel/arrivals/poisson-arrivals.ts';
export { RATE_SCHEDULE_FORMS, RateSchedule } from './kernel/arrivals/rate-schedule.ts';
export { RenewalArrivals } from './kernel/arrivals/renewal-arrivals.ts';
export { ReplayedArrivals } from './kernel/arrivals/replayed-arrivals.ts';
export type { ArrivalTimes } from './kernel/arrivals/arrival-times.ts';
export type { ArrivalTimesForm } from './kernel/arrivals/parse-arrival-times.ts';
export type { RateSegment } from './kernel/arrivals/rate-schedule.ts';

// inputs: data from production (traces, backlogs, schedule files)
export { ARRIVALS_FORMS, arrivalTimes, createArrivals, parseArrivals } from './inputs/arrivals.ts';
export { BACKLOG_FORMS, parseBacklog } from './inputs/backlog.ts';
export { InitialBacklog } from './inputs/initial-backlog.ts';
export { CronSlots, SCHEDULE_EPOCH_S } from './inputs/schedule/cron-slots.ts';
export { readScheduleFile } from './inputs/schedule/schedule-file.ts';
export { readTrace } from './inputs/trace.ts';
export { LOAD_SCALE_METHOD, TraceArrivals } from './inputs/trace-arrivals.ts';
export type { Arrivals, ArrivalsOptions, ArrivalsSpec } from './inputs/arrivals.ts';
export type { BacklogSpec } from './inputs/backlog.ts';
export type { InitialBacklogOptions } from './inputs/initial-backlog.ts';
export type { Schedule, ScheduleEntry, ScheduleFormat } from './inputs/schedule/schedule-entry.ts';
export type { Trace, TraceOptions } from './inputs/trace.ts';
export type { TraceSpec } from './inputs/trace-source.ts';
export type { CronMode } from './inputs/schedule/cron.ts';
export type { ScheduleFileOptions } from './inputs/schedule/schedule-file.ts';
export type { TraceArrivalsOptions } from './inputs/trace-arrivals.ts';

// models
export { defineModel } from './model/define-model.ts';
export { ModelContext } from './model/model-context.ts';
export { param } from './model/param.ts';
export { runModel } from './model/run-model.ts';
export type { Model, ModelDefinition, ModelOutputs } from './model/define-model.ts';
export type { AnyParamSpec, NumericOptions, ParamJson, ParamKind, ParamSpec, ParamSpecs, ParamValues } from './model/param.ts';
export type { RunOptions, RunResult } from './model/run-model.ts';
export type { ChartDefinition, ChartLine } from './report/chart-definition.ts';

// checks: the expressions of `sim check` (and SLOs), parsed without eval
export { evaluateExpression } from './check/evaluate-expression.ts';
export { ExpressionError } from './check/expression-error.ts';
export { parseExpression } from './check/parse-expression.ts';
export type { ExpressionResult } from './check/evaluate-expression.ts';
export type { Aggregate, Comparator, Expression, Term } from './check/expression.ts';

// theory
export { erlangC } from './theory/erlang-c.ts';
export type { ErlangC } from './theory/erlang-c.ts';
