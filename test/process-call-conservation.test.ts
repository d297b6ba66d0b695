import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  AdaptiveThrottle,
  BackoffRetryPolicy,
  call,
  Client,
  ConstantBackoff,
  hold,
  Interrupt,
  interrupt,
  ModelContext,
  NoThrottle,
  now,
  Outcome,
  type Process,
  type ProcessBody,
  QueueAgeShedder,
  type ReplyListener,
  type RequestTarget,
  Service,
  spawn,
  Uniform,
} from '../src/index.ts';
import { checkProperty } from './helpers/property.ts';

const RUN_S = 60;

/** A value in [0, max] in hundredths, evenly spread (fc.double from 0 is mostly tiny values: doubles are drawn by their bits). */
const share = (max: number) => fc.integer({ min: 0, max: 100 }).map((x) => (x / 100) * max);

// Unbiased: fast-check's bias towards the bounds would make most users patient and none cancel.
const config = fc.noBias(fc.record({
  cores: fc.integer({ min: 1, max: 8 }),
  workers: fc.integer({ min: 1, max: 32 }),
  usersPerS: fc.double({ min: 10, max: 50, noNaN: true }),
  /** Offered load relative to nominal capacity: from light to overloaded. */
  load: fc.double({ min: 0.3, max: 1.5, noNaN: true }),
  /** The client's timeout per try, in mean works. */
  timeout: fc.double({ min: 2, max: 20, noNaN: true }),
  retries: fc.integer({ min: 0, max: 4 }),
  retryDelayS: fc.constantFrom(0, 0.1),
  cancelAbandoned: fc.boolean(),
  hedge: fc.boolean(),
  throttle: fc.boolean(),
  shed: fc.boolean(),
  /** Share of users with a patience of their own, of users who cancel when they give up, and of users interrupted while waiting. */
  impatient: share(1),
  cancelling: share(1),
  interrupted: share(0.3),
  cut: fc.record({ atS: share(40), forS: share(15), ratio: share(1) }),
  seed: fc.nat({ max: 10_000 }),
}));

type Config = typeof config extends fc.Arbitrary<infer C> ? C : never;
type Heard = 'ok' | 'error' | 'gave up' | 'interrupted';

/** In front of the client: records when each request was sent and when it ended at the client (answered, or cancelled). */
class Tap implements RequestTarget, ReplyListener {
  readonly stays: number[] = [];
  readonly open = new Map<number, { from: ReplyListener; token: number; at: number; handle: number }>();
  private next = 0;
  constructor(private readonly ctx: ModelContext, private readonly to: Client) {}

  send(from: ReplyListener, token: number): number {
    const id = this.next++;
    const entry = { from, token, at: this.ctx.sim.now, handle: -1 };
    this.open.set(id, entry);
    entry.handle = this.to.send(this, id);
    return id;
  }

  cancel(id: number): boolean {
    const entry = this.open.get(id);
    if (!entry || !this.to.cancel(entry.handle)) return false;
    this.close(id, entry.at);
    return true;
  }

  reply(id: number, outcome: Outcome): void {
    const entry = this.open.get(id)!;
    this.close(id, entry.at);
    entry.from.reply(entry.token, outcome);
  }

  private close(id: number, at: number): void {
    this.stays.push(this.ctx.sim.now - at);
    this.open.delete(id);
  }
}

function simulate(c: Config) {
  const ctx = new ModelContext(c.seed, RUN_S, 5);
  const workMeanS = (c.load * Math.min(c.cores, c.workers)) / c.usersPerS;
  const timeoutS = c.timeout * workMeanS;
  const service = new Service(ctx, {
    name: 'svc',
    work: new Uniform(0, 2 * workMeanS),
    cores: c.cores,
    workers: c.workers,
    ...(c.shed ? { shedder: new QueueAgeShedder(timeoutS) } : {}),
    capacity: [
      { atS: c.cut.atS, ratio: c.cut.ratio },
      { atS: c.cut.atS + c.cut.forS, ratio: 1 },
    ],
  });
  const client = new Client(ctx, {
    name: 'client',
    to: service,
    timeoutS,
    retry: new BackoffRetryPolicy({ maxRetries: c.retries, backoff: new ConstantBackoff(c.retryDelayS), rng: ctx.sim.rng('retry') }),
    cancelAbandoned: c.cancelAbandoned,
    ...(c.hedge ? { hedgeAfterS: timeoutS / 2 } : {}),
    throttle: c.throttle ? new AdaptiveThrottle({ windowS: 10, rng: ctx.sim.rng('throttle') }) : new NoThrottle(),
  });
  const tap = new Tap(ctx, client);

  // Users are processes: each calls through the client once and records what it heard, once.
  const heard: (Heard | undefined)[] = [];
  const cancels: boolean[] = [];
  const violations: string[] = [];
  const rng = ctx.sim.rng('users');
  function* user(i: number, patienceS: number, cancel: boolean): ProcessBody {
    let outcome: Outcome | null;
    try {
      outcome = yield* call(tap, { timeoutS: patienceS, cancel });
    } catch (e) {
      if (!(e instanceof Interrupt)) throw e;
      if (heard[i] !== undefined) violations.push(`user ${i} interrupted after hearing ${heard[i]}`);
      heard[i] = 'interrupted';
      return;
    }
    if (heard[i] !== undefined) violations.push(`user ${i} heard twice`);
    // Through a client a caller hears ok, or error when the client gave up; null only when its own patience ran out.
    if (outcome === Outcome.ok) heard[i] = 'ok';
    else if (outcome === Outcome.error) heard[i] = 'error';
    else if (outcome === null && patienceS < Infinity) heard[i] = 'gave up';
    else violations.push(`user ${i} heard ${outcome} at ${now()}`);
  }
  const users: Process<void>[] = [];
  spawn(
    ctx,
    (function* (): ProcessBody {
      for (let i = 0; ; i++) {
        yield* hold(rng.exponential(1 / c.usersPerS));
        if (now() >= RUN_S) return;
        const patienceS = rng.chance(c.impatient) ? rng.uniform(0, 3 * timeoutS * (c.retries + 1)) : Infinity;
        const cancel = rng.chance(c.cancelling);
        cancels[i] = cancel;
        const u = spawn(ctx, user(i, patienceS, cancel));
        users[i] = u;
        if (rng.chance(c.interrupted)) {
          const afterS = rng.uniform(0, 2 * timeoutS);
          ctx.sim.call(afterS, () => {
            if (heard[i] === undefined) interrupt(u);
          });
        }
      }
    })(),
  );

  const probe = () => {
    if (client.requests.total !== client.succeeded.total + client.failed.total + client.abandoned.total + client.open) violations.push(`client conservation at ${ctx.sim.now}`);
    if (tap.open.size !== client.open) violations.push(`tap ${tap.open.size} open != client ${client.open} at ${ctx.sim.now}`);
    if (service.active > c.workers) violations.push(`${service.active} in service > ${c.workers} workers at ${ctx.sim.now}`);
  };
  for (let t = 0.3; t < RUN_S; t += 1.3) ctx.sim.call(t, probe);
  ctx.sim.run(RUN_S);
  probe();
  ctx.metrics.finish(RUN_S);
  return { client, service, tap, heard, cancels, users, violations };
}

test('processes calling through a client each hear one verdict, and requests are conserved and obey Little’s law, over random loaded systems', () => {
  checkProperty(
    fc.property(config, (c) => {
      const { client, service, tap, heard, cancels, users, violations } = simulate(c);
      expect(violations).toEqual([]);
      // The systems carry real load: hundreds to thousands of users, and work at the service.
      expect(users.length).toBeGreaterThan(300);
      expect(service.completed.total).toBeGreaterThan(50);

      const count = (what: Heard | undefined, cancelled?: boolean) =>
        users.reduce((n, _, i) => n + (heard[i] === what && (cancelled === undefined || cancels[i] === cancelled) ? 1 : 0), 0);
      const waiting = count(undefined);
      const stoppedCancelling = count('gave up', true) + count('interrupted', true);
      const stoppedKeeping = count('gave up', false) + count('interrupted', false);
      // Every user that called sent exactly one request.
      expect(client.requests.total).toBe(users.length);
      // A user who stopped waiting and cancelled withdrew a request that was still open.
      expect(client.abandoned.total).toBe(stoppedCancelling);
      // Every other request ended (answered to its user, or to nobody after its user left) or is open.
      expect(client.succeeded.total + client.failed.total + client.open).toBe(count('ok') + count('error') + stoppedKeeping + waiting);
      expect(count('ok')).toBeLessThanOrEqual(client.succeeded.total);
      expect(count('error')).toBeLessThanOrEqual(client.failed.total);
      // A user still waiting at the end has its request open.
      expect(client.open).toBeGreaterThanOrEqual(waiting);
      expect(client.open).toBeLessThanOrEqual(waiting + stoppedKeeping);

      // Little's law over the run, exactly: the area under the client's in-flight gauge equals
      // the time every request spent open at the client (those still open counted to the end).
      let stay = tap.stays.reduce((s, x) => s + x, 0);
      for (const e of tap.open.values()) stay += RUN_S - e.at;
      expect(client.inFlight.mean * RUN_S).toBeCloseTo(stay, 6 - Math.max(0, Math.ceil(Math.log10(stay))));
    }),
    { numRuns: 20 },
  );
});
