// The public API: what a model file (built-in or a user's own) imports.

export { InputError } from './input-error.ts';

// kernel
export { EventQueue } from './kernel/event-queue.ts';
export type { EventHandle, EventHandler } from './kernel/event-queue.ts';
export { Simulation } from './kernel/simulation.ts';
export type { Clock } from './kernel/simulation.ts';
export { Rng } from './kernel/rng.ts';
export { formatDuration, parseDuration } from './kernel/duration.ts';
export { formatRate, parseRate } from './kernel/rate.ts';
export { Constant } from './kernel/distributions/constant.ts';
export { Empirical } from './kernel/distributions/empirical.ts';
export { Exponential } from './kernel/distributions/exponential.ts';
export { Lognormal } from './kernel/distributions/lognormal.ts';
export { TruncatedNormal } from './kernel/distributions/truncated-normal.ts';
export { Uniform } from './kernel/distributions/uniform.ts';
export { DISTRIBUTION_FORMS, parseDistribution } from './kernel/distributions/parse-distribution.ts';
export type { Distribution } from './kernel/distributions/distribution.ts';

// metrics
export { Counter } from './metrics/counter.ts';
export { Gauge } from './metrics/gauge.ts';
export { Histogram } from './metrics/histogram.ts';
export { LogHistogram } from './metrics/log-histogram.ts';
export { Metrics } from './metrics/metrics.ts';
export type { HistogramStat } from './metrics/histogram.ts';
export type { Series } from './metrics/series.ts';

// components
export { ArrivalProcess } from './components/arrival-process.ts';
export { Departures } from './components/departures.ts';
export { Fifo } from './components/disciplines/fifo.ts';
export { Priority } from './components/disciplines/priority.ts';
export { JobQueue } from './components/job-queue.ts';
export { JobStore } from './components/job-store.ts';
export { WorkerPool } from './components/worker-pool.ts';
export { ApiTraffic } from './components/api-traffic.ts';
export { ConnectionPool } from './components/connection-pool.ts';
export { Database } from './components/database.ts';
export { JobPoller } from './components/job-poller.ts';
export { PooledQuery } from './components/pooled-query.ts';
export { RecurringScheduler } from './components/recurring-scheduler.ts';
export { ReleaseJob } from './components/release-job.ts';
// retry policies
export { BackoffRetryPolicy } from './components/retry/backoff-retry-policy.ts';
export { BlindClassification } from './components/retry/blind-classification.ts';
export { ConstantBackoff } from './components/retry/constant-backoff.ts';
export { BACKOFF_KINDS, CLASSIFICATION_KINDS, createRetryPolicy, JITTER_KINDS } from './components/retry/create-retry-policy.ts';
export { DecorrelatedJitter } from './components/retry/decorrelated-jitter.ts';
export { EqualJitter } from './components/retry/equal-jitter.ts';
export { ExponentialBackoff } from './components/retry/exponential-backoff.ts';
export { FailureClass } from './components/retry/failure-class.ts';
export { FullJitter } from './components/retry/full-jitter.ts';
export { LinearBackoff } from './components/retry/linear-backoff.ts';
export { NoJitter } from './components/retry/no-jitter.ts';
export { NoRetry } from './components/retry/no-retry.ts';
export { GiveUp } from './components/retry/retry-policy.ts';
export { TokenBucketBudget } from './components/retry/token-bucket-budget.ts';
export { TransientOnlyClassification } from './components/retry/transient-only-classification.ts';
export { UnlimitedBudget } from './components/retry/unlimited-budget.ts';
// staged item processing
export { ItemMix } from './components/staged/item-mix.ts';
export { StagedProcessor } from './components/staged/staged-processor.ts';
// downstream services and batches
export { BatchAlert } from './components/batch-alert.ts';
export { BatchRunner } from './components/batch-runner.ts';
export { BatchTrigger } from './components/batch-trigger.ts';
export { ItemCheckpoint } from './components/checkpoint/item-checkpoint.ts';
export { NoCheckpoint } from './components/checkpoint/no-checkpoint.ts';
export { DownstreamService } from './components/downstream-service.ts';
export { EffectLedger } from './components/effect-ledger.ts';
export { IdempotencyKeys } from './components/idempotency/idempotency-keys.ts';
export { NoIdempotency } from './components/idempotency/no-idempotency.ts';
export { Operator } from './components/operator.ts';
// worker processes, supervision, breakers, monitoring, faults
export { CircuitBreaker } from './components/breakers/circuit-breaker.ts';
export { NoBreaker } from './components/breakers/no-breaker.ts';
export { ClassQueue } from './components/class-queue.ts';
export { DeadLetterQueue } from './components/dead-letter-queue.ts';
export { FailedJobs } from './components/failed-jobs.ts';
export { FaultTimeline } from './components/fault-timeline.ts';
export { Monitor } from './components/monitor.ts';
export { OldestJobAgeProbe } from './components/probes/oldest-job-age-probe.ts';
export { QueueDepthProbe } from './components/probes/queue-depth-probe.ts';
export { StaticProbe } from './components/probes/static-probe.ts';
export { WorkersAliveProbe } from './components/probes/workers-alive-probe.ts';
export { ProcessPool } from './components/process-pool.ts';
export { ProcessState, ProcessTable } from './components/process-table.ts';
export { Redelivery } from './components/redelivery.ts';
export { SlaDepartures } from './components/sla-departures.ts';
export { Supervisor } from './components/supervisor.ts';
export type { ArrivalProcessOptions } from './components/arrival-process.ts';
export type { ComponentEnv } from './components/component-env.ts';
export type { QueueDiscipline } from './components/disciplines/queue-discipline.ts';
export type { JobConsumer } from './components/job-queue.ts';
export type { JobSink } from './components/job-sink.ts';
export type { WorkerPoolOptions } from './components/worker-pool.ts';
export type { ApiTrafficOptions } from './components/api-traffic.ts';
export type { ConnectionPoolOptions, PoolRequester } from './components/connection-pool.ts';
export type { DatabaseOptions, QueryRequester } from './components/database.ts';
export type { JobPollerOptions } from './components/job-poller.ts';
export type { PooledQueryOptions } from './components/pooled-query.ts';
export type { RecurringSchedulerOptions } from './components/recurring-scheduler.ts';
export type { Backoff } from './components/retry/backoff.ts';
export type { BackoffRetryPolicyOptions } from './components/retry/backoff-retry-policy.ts';
export type { RetryPolicySpec } from './components/retry/create-retry-policy.ts';
export type { Jitter } from './components/retry/jitter.ts';
export type { RetryBudget } from './components/retry/retry-budget.ts';
export type { RetryClassification } from './components/retry/retry-classification.ts';
export type { RetryPolicy } from './components/retry/retry-policy.ts';
export type { ItemType } from './components/staged/item-type.ts';
export type { StageSpec } from './components/staged/stage-spec.ts';
export type { StagedProcessorOptions } from './components/staged/staged-processor.ts';
export type { BatchAlertOptions } from './components/batch-alert.ts';
export type { BatchRunListener, BatchRunnerOptions } from './components/batch-runner.ts';
export type { BatchObserver, BatchTriggerOptions } from './components/batch-trigger.ts';
export type { Checkpoint } from './components/checkpoint/checkpoint.ts';
export type { DownstreamCaller, DownstreamServiceOptions, SideEffectSink } from './components/downstream-service.ts';
export type { Idempotency } from './components/idempotency/idempotency.ts';
export type { OperatorOptions } from './components/operator.ts';
export type { Breaker } from './components/breakers/breaker.ts';
export type { CircuitBreakerOptions } from './components/breakers/circuit-breaker.ts';
export type { FailureSink } from './components/failure-sink.ts';
export type { Fault } from './components/fault-timeline.ts';
export type { MonitorOptions } from './components/monitor.ts';
export type { Probe } from './components/probes/probe.ts';
export type { ProcessPoolOptions, TimeoutAction } from './components/process-pool-options.ts';
export type { RedeliveryOptions } from './components/redelivery.ts';
export type { SlaDeparturesOptions } from './components/sla-departures.ts';
export type { SupervisorMode, SupervisorOptions } from './components/supervisor.ts';

// models
export { defineModel } from './model/define-model.ts';
export { ModelContext } from './model/model-context.ts';
export { param } from './model/param.ts';
export { runModel } from './model/run-model.ts';
export type { Model, ModelDefinition, ModelOutputs } from './model/define-model.ts';
export type { ParamSpec, ParamValues } from './model/param.ts';
export type { RunOptions, RunResult } from './model/run-model.ts';
export type { ChartDefinition, ChartLine } from './report/chart-definition.ts';

// findings
export { findings } from './report/findings.ts';
export type { Finding } from './report/findings.ts';

// checks: the expressions of `sim check` (and SLOs), parsed without eval
export { evaluateExpression } from './check/evaluate-expression.ts';
export { ExpressionError } from './check/expression-error.ts';
export { parseExpression } from './check/parse-expression.ts';
export type { ExpressionResult } from './check/evaluate-expression.ts';
export type { Aggregate, Comparator, Expression, Term } from './check/expression.ts';

// theory
export { erlangC } from './theory/erlang-c.ts';
export type { ErlangC } from './theory/erlang-c.ts';
