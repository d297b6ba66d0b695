// The second entry point: the simulator's internals, for sim's own tests, benchmarks and
// tools. A model needs none of this (src/index.ts is its API); these may change without notice.

// kernel
export { EventQueue } from './kernel/event-queue.ts';
export { LogHistogram } from './metrics/log-histogram.ts';

// the job table and the worker-process table, as classes
export { JobStore } from './components/jobs/job-store.ts';
export { ProcessTable } from './components/servers/process-pool/process-table.ts';

// plumbing the components share
export { RingBuffer } from './components/disciplines/ring-buffer.ts';
export { FreeList } from './components/plumbing/free-list.ts';
export { covering, doubledCapacity, grown } from './components/plumbing/grow.ts';
export { IdleStack } from './components/plumbing/idle-stack.ts';
export type { TypedColumn } from './components/plumbing/grow.ts';

// the process layer's machinery
export { currentProcess, RESUME, WAITING } from './process/process.ts';
export { Tickets } from './process/tickets.ts';
export { DatabasePort } from './process/ports/database-port.ts';
export { PoolPort } from './process/ports/pool-port.ts';
export { QueuePort } from './process/ports/queue-port.ts';
export { FifoWaitQueue, PriorityWaitQueue } from './process/resources/wait-queue.ts';
export { argumentError, callerLocation, generatorLocation } from './process/model-location.ts';
export type { Withdrawable } from './process/process.ts';
export type { WaitQueue } from './process/resources/wait-queue.ts';

// model loading and reports
export { findings } from './report/findings.ts';
export type { Finding } from './report/findings.ts';
