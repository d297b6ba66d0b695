// scripts/instructions.mjs counts instructions under valgrind; valgrind is not needed here:
// its workloads run on their own (as they run under callgrind) and its bad input is refused.
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';

const run = (...args: string[]) => spawnSync(process.execPath, ['--no-concurrent-recompilation', 'scripts/instructions.mjs', ...args], { encoding: 'utf8' });

test('the hold workload fires exactly the events asked for', () => {
  const r = run('--work', 'hold', '5000', '100');
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('5000\n');
});

test('the M/M/c workload counts the customers of its measured run', () => {
  const r = run('--work', 'mm-c', '20000', '9', '10');
  expect(r.status).toBe(0);
  const customers = Number(r.stdout.trim());
  // 20,000 expected arrivals at λ = 9 over 20,000 / 9 s: within 3% (a Poisson count's standard deviation is 0.7%).
  expect(customers).toBeGreaterThan(19_400);
  expect(customers).toBeLessThan(20_600);
});

test.each([[[]], [['bogus']], [['mm-c', '9']], [['hold', 'x']], [['day', '1']], [['__proto__']]])('bad arguments %j print the usage and exit 2', (args) => {
  const r = run(...args);
  expect(r.status).toBe(2);
  expect(r.stderr).toBe('usage: node scripts/instructions.mjs mm-c [RATE SERVERS] | hold [PENDING] | day\n');
  expect(r.stdout).toBe('');
});
