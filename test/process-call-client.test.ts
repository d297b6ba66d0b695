import { describe, expect, test } from 'vitest';
import {
  BackoffRetryPolicy,
  call,
  Client,
  Constant,
  ConstantBackoff,
  interrupt,
  now,
  Outcome,
  type ProcessBody,
  RateLimiter,
  Service,
  spawn,
} from '../src/index.ts';
import { env } from './helpers/process-env.ts';

/** A client with a 1.5 s timeout and `retries` immediate retries, to one worker of 1 s work per request. */
function system(retries: number) {
  const ctx = env();
  const service = new Service(ctx, { name: 'svc', work: new Constant(1), workers: 1 });
  const policy = new BackoffRetryPolicy({ maxRetries: retries, backoff: new ConstantBackoff(0), rng: ctx.sim.rng('retry') });
  const client = new Client(ctx, { name: 'client', to: service, timeoutS: 1.5, retry: policy });
  return { ctx, service, client };
}

describe('processes call through a Client and wait for its verdict', () => {
  test('each process hears ok when its request succeeds, or error when the client gives up after its retries', () => {
    const { ctx, client } = system(1);
    const log: [number, string, Outcome | null][] = [];
    function* user(name: string): ProcessBody {
      const outcome = yield* call(client);
      log.push([now(), name, outcome]);
    }
    spawn(ctx, user('a'));
    spawn(ctx, user('b'));
    ctx.sim.run();
    // a: served 0..1 s. b: waits behind a, served 1..2 s, but its try timed out at 1.5 s and its
    // retry queued behind the old try's work (1 s more: 2..3 s) times out at 3 s: no retries left.
    expect(log).toEqual([
      [1, 'a', Outcome.ok],
      [3, 'b', Outcome.error],
    ]);
    expect([client.tries.total, client.timeouts.total, client.lateReplies.total]).toEqual([3, 2, 2]);
  });

  test('a process that gives up first hears null; with cancel the client abandons the request and its tries', () => {
    const { ctx, client, service } = system(3);
    const log: [number, string, Outcome | null][] = [];
    function* user(name: string, cancel: boolean): ProcessBody {
      const outcome = yield* call(client, { timeoutS: 0.5, cancel });
      log.push([now(), name, outcome]);
    }
    spawn(ctx, user('keeps', false));
    spawn(ctx, user('cancels', true));
    ctx.sim.run();
    expect(log).toEqual([
      [0.5, 'keeps', null],
      [0.5, 'cancels', null],
    ]);
    // The first request runs on and succeeds at 1 s, its answer dropped; the second is gone.
    expect([client.succeeded.total, client.abandoned.total, client.open]).toEqual([1, 1, 0]);
    expect(service.completed.total).toBe(2); // the abandoned try's work was not cancelled (cancelAbandoned is false)
  });

  test('an interrupted caller with cancel withdraws its request; the late verdict never reaches a later wait', () => {
    const { ctx, client } = system(0);
    const log: [number, string][] = [];
    const caller = spawn(
      ctx,
      (function* (): ProcessBody {
        try {
          yield* call(client, { cancel: true });
        } catch {
          log.push([now(), 'interrupted']);
        }
        const second = yield* call(client);
        log.push([now(), `second: ${second}`]);
      })(),
    );
    ctx.sim.call(0.25, () => interrupt(caller));
    ctx.sim.run();
    // The first request is abandoned at 0.25 s; its try's work still runs to 1 s and its
    // answer arrives as a late reply, never as the second call's verdict. The second waits
    // behind that work, starts at 1 s and times out at 1.75 s: no retries, so error.
    expect(log).toEqual([
      [0.25, 'interrupted'],
      [1.75, `second: ${Outcome.error}`],
    ]);
    expect([client.abandoned.total, client.failed.total, client.lateReplies.total]).toEqual([1, 1, 2]);
  });

  test('a limiter that refuses at once answers without the process waiting', () => {
    const ctx = env();
    const service = new Service(ctx, { name: 'svc', work: new Constant(1), cores: Infinity });
    const limiter = new RateLimiter(ctx, { name: 'rl', to: service, ratePerS: 1, burst: 1 });
    const log: [number, Outcome | null][] = [];
    spawn(
      ctx,
      (function* (): ProcessBody {
        for (let i = 0; i < 2; i++) {
          const outcome = yield* call(limiter);
          log.push([now(), outcome]);
        }
      })(),
    );
    ctx.sim.run();
    expect(log).toEqual([
      [1, Outcome.ok],
      [2, Outcome.ok], // a token refilled during the first call's second
    ]);
    const refused: (Outcome | null)[] = [];
    spawn(
      ctx,
      (function* (): ProcessBody {
        refused.push(yield* call(limiter)); // takes the one token: answered ok at 3 s
      })(),
    );
    spawn(
      ctx,
      (function* (): ProcessBody {
        const outcome = yield* call(limiter); // finds the bucket empty: refused at once
        refused.push(outcome);
        log.push([now(), outcome]);
      })(),
    );
    ctx.sim.run();
    expect(refused).toEqual([Outcome.rejected, Outcome.ok]);
    expect(log[2]).toEqual([2, Outcome.rejected]); // answered at once: no simulated time passed
  });
});
