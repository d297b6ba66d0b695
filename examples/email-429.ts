// Scenario: N workers send an outbox of emails through an SMTP provider that takes
// `--provider-slots` sends at once and answers 429 at once to any more; a worker that gets a
// 429 puts the email back and waits.   arrivals ─▶ [outbox] ─▶ (N workers) ─▶ SMTP (429 when full)
import { acquire, createArrivals, defineModel, hold, JobQueue, param, release, Resource, spawn, take } from 'sim';

export default defineModel({
  name: 'email-429',
  summary: 'Email workers against an SMTP provider that answers 429 when busy',
  duration: '10m',
  params: {
    emails: param.arrivals({ default: '40/s', description: 'emails queued' }),
    workers: param.int({ default: 12, min: 1, unit: 'workers', description: 'email workers' }),
    providerSlots: param.int({ default: 8, min: 1, unit: 'sends', description: 'sends the provider accepts at once' }),
    backoff: param.duration({ default: '1s', description: 'wait after a 429' }),
  },
  build(ctx, p) {
    const outbox = new JobQueue(ctx, 'outbox');
    const provider = new Resource(ctx, { name: 'provider', capacity: p.providerSlots });
    const sent = ctx.metrics.histogram('email_latency_s');
    const rejected = ctx.metrics.counter('smtp_429');
    const rng = ctx.sim.rng('smtp');
    createArrivals(ctx, p.emails, { name: 'emails', to: outbox });
    function* worker() {
      for (;;) {
        const email = yield* take(outbox);
        if (!(yield* acquire(provider, { timeoutS: 0 }))) {
          rejected.add();
          outbox.accept(email);
          yield* hold(p.backoff);
          continue;
        }
        yield* hold(rng.uniform(0.1, 0.3));
        release(provider);
        sent.record(ctx.sim.now - ctx.jobs.createdAt[email]!);
        ctx.jobs.release(email);
      }
    }
    for (let i = 0; i < p.workers; i++) spawn(ctx, worker());
    return { summary: () => ({ emails_sent: sent.count, smtp_429_total: rejected.total, latency_p99_s: sent.quantile(0.99), outbox_depth_max: outbox.depth.max }) };
  },
});
