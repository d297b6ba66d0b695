import { describe, expect, test } from 'vitest';
import { Constant, FailedJobs, JobQueue, ModelContext, ProcessPool, ProcessState, Supervisor } from '../src/index.ts';
import type { ProcessPoolOptions, SupervisorOptions } from '../src/index.ts';

const ORDINARY = 0;
const HANG = 1;

/** A pool whose job type 0 runs `serviceS` and type 1 hangs forever. */
function setup(opts: Partial<ProcessPoolOptions> & { serviceS?: number } = {}) {
  const ctx = new ModelContext(1, 10_000, 60);
  ctx.jobs.typeId('ordinary');
  ctx.jobs.typeId('hang');
  const queue = new JobQueue(ctx, 'queue');
  const failed = new FailedJobs(ctx, 'failed');
  const pool = new ProcessPool(ctx, {
    name: 'pool',
    workers: 1,
    queue,
    service: [new Constant(opts.serviceS ?? 10), new Constant(Infinity)],
    failures: failed,
    ...opts,
  });
  const submit = (type: number) => queue.accept(ctx.jobs.create(ctx.sim.now, type));
  const at = (t: number, fn: () => void) => ctx.sim.call(t - ctx.sim.now, fn);
  const supervise = (o: Partial<SupervisorOptions>) => new Supervisor(ctx, { name: 'supervisor', pool, checkIntervalS: 10, heartbeatTimeoutS: 30, ...o });
  return { ctx, queue, pool, failed, submit, at, supervise };
}

describe('ProcessPool', () => {
  test('memory is the base of each process, plus the running job, plus what each finished attempt leaked', () => {
    const { ctx, pool, submit } = setup({ baseMemoryMb: 40, jobMemoryMb: 5, leakMbPerJob: 2 });
    submit(ORDINARY);
    submit(ORDINARY);
    submit(ORDINARY);
    const seen: number[] = [];
    for (const t of [5, 15, 25, 35]) ctx.sim.call(t, () => seen.push(pool.memoryMb.value));
    ctx.sim.run(100);
    expect(seen).toEqual([45, 47, 49, 46]);
    expect(pool.completed.total).toBe(3);
  });

  test('a hung attempt stops its worker\'s heartbeats while a busy worker keeps beating', () => {
    const { ctx, pool, submit } = setup({ workers: 2, heartbeatIntervalS: 10, serviceS: 1000 });
    submit(HANG);
    submit(ORDINARY);
    ctx.sim.run(25);
    expect([pool.stateOf(0), pool.stateOf(1)]).toEqual([ProcessState.busy, ProcessState.busy]);
    expect(pool.hung.value).toBe(1);
    expect([pool.lastHeartbeatS(0), pool.lastHeartbeatS(1)]).toEqual([0, 20]);
  });

  test('a timeout that only reports is counted while the attempt runs on to the end', () => {
    const { ctx, pool, failed, submit } = setup({ serviceS: 100, jobTimeoutS: 30, timeoutAction: 'report' });
    submit(ORDINARY);
    ctx.sim.run(31);
    expect([pool.timeouts.total, pool.killed.total, pool.busy.value]).toEqual([1, 0, 1]);
    ctx.sim.run(101);
    expect([pool.completed.total, failed.count.total]).toEqual([1, 0]);
  });

  test('a timeout that kills frees the worker for the next job and hands the job to the failure sink', () => {
    const { ctx, pool, failed, submit } = setup({ serviceS: 100, jobTimeoutS: 30, timeoutAction: 'kill' });
    submit(HANG);
    submit(ORDINARY);
    ctx.sim.run(31);
    expect([pool.timeouts.total, pool.killed.total, failed.count.total, pool.hung.value]).toEqual([1, 1, 1, 0]);
    // Job 0 hung and was killed at 30; job 1 waited for the worker until then.
    expect([ctx.jobs.live, ctx.jobs.startedAt[1], pool.busy.value]).toEqual([1, 30, 1]);
  });

  test('a spawned worker takes jobs only once it has booted', () => {
    const { ctx, pool, queue, submit } = setup({ bootS: 20 });
    pool.killWorkers();
    expect([pool.workers, pool.processes.value]).toEqual([0, 0]);
    submit(ORDINARY);
    expect(pool.replenish()).toBe(1);
    ctx.sim.run(19);
    expect([pool.workers, pool.ready, queue.length]).toEqual([1, 0, 1]);
    ctx.sim.run(21);
    expect([pool.ready, queue.length, pool.busy.value]).toEqual([1, 0, 1]);
  });

  test('a naive supervisor replaces a silent worker and leaves it running as a zombie that keeps its memory', () => {
    const { ctx, pool, failed, submit, supervise } = setup({ baseMemoryMb: 40, jobMemoryMb: [0, 100], heartbeatIntervalS: 10 });
    const supervisor = supervise({ mode: 'naive' });
    submit(HANG);
    ctx.sim.run(35);
    // Silent since 0: 30 s of silence is not yet more than the 30 s timeout at the check at 30.
    expect([pool.zombies.value, supervisor.declaredDead.total]).toEqual([0, 0]);
    ctx.sim.run(45);
    expect({
      workers: pool.workers,
      processes: pool.processes.value,
      zombies: pool.zombies.value,
      hung: pool.hung.value,
      memoryMb: pool.memoryMb.value,
      lost: pool.lost.total,
      failed: failed.count.total,
      restarts: supervisor.restarts.total,
    }).toEqual({ workers: 1, processes: 2, zombies: 1, hung: 1, memoryMb: 180, lost: 1, failed: 1, restarts: 1 });
  });

  test('a kill-first supervisor terminates the silent worker before replacing it, so nothing is left behind', () => {
    const { ctx, pool, submit, supervise } = setup({ baseMemoryMb: 40, jobMemoryMb: [0, 100], heartbeatIntervalS: 10 });
    supervise({ mode: 'kill-first' });
    submit(HANG);
    ctx.sim.run(45);
    expect([pool.workers, pool.processes.value, pool.zombies.value, pool.hung.value, pool.memoryMb.value]).toEqual([1, 1, 0, 0, 40]);
  });

  test('the supervisor spawns nothing once the process cap is reached, and the pool shrinks', () => {
    const { ctx, pool, submit, supervise } = setup({ heartbeatIntervalS: 10 });
    const supervisor = supervise({ mode: 'naive', maxProcesses: 2 });
    submit(HANG);
    submit(HANG);
    ctx.sim.run(75);
    // Replacement spawned at 40 took the second hanging job; silent from 40, it is declared dead at 80.
    expect([pool.processes.value, pool.workers, supervisor.spawnRefused.total]).toEqual([2, 1, 0]);
    ctx.sim.run(85);
    expect([pool.processes.value, pool.zombies.value, pool.workers, supervisor.spawnRefused.total]).toEqual([2, 2, 0, 1]);
  });

  test('the supervisor replaces workers that exited, and killing zombies frees their memory', () => {
    const { ctx, pool, supervise, submit } = setup({ workers: 2, baseMemoryMb: 10, jobMemoryMb: [0, 50] });
    supervise({ mode: 'naive' });
    submit(HANG);
    ctx.sim.run(45);
    expect([pool.zombies.value, pool.memoryMb.value]).toEqual([1, 80]);
    pool.killZombies();
    pool.killWorkers();
    expect([pool.processes.value, pool.memoryMb.value, pool.hung.value]).toEqual([0, 0, 0]);
    ctx.sim.run(55);
    expect([pool.workers, pool.processes.value, pool.memoryMb.value]).toEqual([2, 2, 20]);
  });
});
