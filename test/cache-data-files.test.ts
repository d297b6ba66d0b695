import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, sim, tempDir } from './helpers/cli.ts';

/** A trace of `n` arrivals spread evenly over one minute. */
function trace(n: number): string {
  return `ts\n${Array.from({ length: n }, (_, i) => ((i * 60) / n).toFixed(4)).join('\n')}\n`;
}

describe('cached runs are keyed by the contents of the data files their parameters name', () => {
  test('a plan rerun after its trace was edited runs again and answers for the new trace', () => {
    const dir = tempDir('sim-cache-data-');
    writeFileSync(join(dir, 't.csv'), trace(600));
    const args = [
      'plan', join(ROOT, 'examples', 'replay-from-production.ts'),
      '--minimize', 'workers', '--min', '1', '--max', '20',
      '--arrivals', 'trace:t.csv', '--service', 'exp(200ms)', '--duration', '1m',
      '--replications', '2', '--slo', 'wait_p99_s < 1', '--out', 'o', '--jobs', '1',
    ];
    const first = sim(args, dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/smallest workers that meets every SLO: 4 /);
    expect(first.stdout).toMatch(/16 runs \(0 cached\)/);

    const again = sim(args, dir);
    expect(again.stdout).toMatch(/16 runs \(16 cached\)/);

    // Three times the load under the same file name: nothing cached may answer for it.
    writeFileSync(join(dir, 't.csv'), trace(1800));
    const edited = sim(args, dir);
    expect(edited.code).toBe(0);
    expect(edited.stdout).toMatch(/smallest workers that meets every SLO: 8 /);
    expect(edited.stdout).toMatch(/\(0 cached\)/);
  });
});
