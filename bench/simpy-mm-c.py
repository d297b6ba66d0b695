# M/M/c in SimPy, the same queue as sim's mm-c model, for `npm run bench` to compare against.
# usage: python3 bench/simpy-mm-c.py N LAMBDA MU C [SEED]
# Prints customers, mean_wait, cpu_s and cpu_customers_per_s (CPU time of env.run only).
# Written the way SimPy's documentation writes a queue: a source process creating customer
# processes that request a Resource of capacity c, hold an exponential service time, release.
import random
import sys
import time

import simpy


def main():
    n, lam, mu, c = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    rng = random.Random(seed)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=c)
    stats = {'served': 0, 'wait': 0.0}

    def customer(env):
        arrived = env.now
        with servers.request() as req:
            yield req
            stats['wait'] += env.now - arrived
            yield env.timeout(rng.expovariate(mu))
        stats['served'] += 1

    def source(env):
        for _ in range(n):
            yield env.timeout(rng.expovariate(lam))
            env.process(customer(env))

    env.process(source(env))
    t0 = time.process_time()
    env.run()
    cpu = time.process_time() - t0
    print(f"customers={stats['served']} mean_wait={stats['wait'] / n:.5f} cpu_s={cpu:.3f} "
          f"cpu_customers_per_s={n / cpu:.0f} simpy={simpy.__version__}")


main()
