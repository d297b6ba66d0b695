/**
 * Scenario: customers arrive at random (a Poisson process), wait in one line and are served
 * by the first free of c servers, each service taking an exponential time: the M/M/c queue,
 * written as processes. Erlang C gives its steady state exactly, so the summary prints the
 * theory beside the measurement.
 *
 *   arrivals ──▶ [ line ] ──▶ ( c servers ) ──▶ done
 *
 * Run: npx sim run examples/process-mm-c.ts --arrival-rate 90/s --service-time 100ms --servers 10
 * The built-in model `mm-c` is the same system built from state-machine components.
 */
import { acquire, defineModel, erlangC, hold, now, param, release, Resource, source } from 'sim';

export default defineModel({
  name: 'process-mm-c',
  summary: 'M/M/c queue written as processes, checked against Erlang C',
  duration: '30m',
  params: {
    arrivalRate: param.rate({ default: '90/s', min: 0, description: 'Poisson arrival rate (lambda)' }),
    serviceTime: param.duration({ default: '100ms', min: 1e-6, description: 'mean service time (1/mu), exponential' }),
    servers: param.int({ default: 10, min: 1, unit: 'servers', description: 'number of servers (c)' }),
  },
  build(ctx, p) {
    const servers = new Resource(ctx, { name: 'servers', capacity: p.servers });
    const service = ctx.sim.rng('service');
    const sojourn = ctx.metrics.histogram('sojourn_s');
    let waited = 0;

    function* customer() {
      const arrived = now();
      yield* acquire(servers);
      if (now() > arrived) waited++;
      yield* hold(service.exponential(p.serviceTime));
      release(servers);
      sojourn.record(now() - arrived);
    }

    const arrivals = source(ctx, { name: 'arrivals', arrivals: p.arrivalRate, start: customer });

    const rho = (p.arrivalRate * p.serviceTime) / p.servers;
    const theory = rho < 1 ? erlangC(p.arrivalRate, 1 / p.serviceTime, p.servers) : null;
    return {
      summary: () => ({
        customers: sojourn.count,
        wait_mean_s: servers.wait.mean,
        p_wait_ratio: waited / Math.max(1, arrivals.arrivals.total),
        utilization_ratio: servers.inUseGauge.mean / p.servers,
        sojourn_mean_s: sojourn.mean,
        theory_wait_mean_s: theory ? theory.waitMeanS : NaN,
        theory_p_wait_ratio: theory ? theory.pWait : NaN,
        theory_utilization_ratio: Math.min(1, rho),
      }),
      charts: [
        { name: 'wait', title: 'Wait in line per minute', yTitle: 'wait (ms)', scale: 1000, lines: [{ metric: 'servers_wait_s', stat: 'mean', label: 'mean' }] },
      ],
    };
  },
});
