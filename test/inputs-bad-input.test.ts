import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fitOutputFiles } from '../src/inputs/fit/fit-report.ts';
import { fitSample } from '../src/inputs/fit/fit-sample.ts';
import { readNumericColumn } from '../src/inputs/numeric-column.ts';
import { InputError } from '../src/index.ts';
import { type CliResult, readTree, ROOT, tempDir } from './helpers/cli.ts';

/** The real CLI in a child process, without blocking, so several run at once. */
function simAsync(args: string[]): Promise<CliResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'sim.mjs'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

describe('sim fit and sim schedule from the command line', () => {
  const dir = tempDir('sim-inputs-');
  const csv = join(dir, 'durations.csv');
  const rows = ['job,duration_ms'];
  for (let i = 0; i < 400; i++) rows.push(`j${i},${(20 + ((i * 7919) % 400) * 0.5).toFixed(1)}`);
  rows.push('bad,n/a');
  writeFileSync(csv, `${rows.join('\n')}\n`);

  const a = join(dir, 'fit-a');
  const fitA = simAsync(['fit', csv, '--column', 'duration_ms', '--unit', 'ms', '--out', a]);

  test('sim fit prints a ranked table of paste-ready specs; its files are the bytes the same fit gives in another process', async () => {
    const r = await fitA;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/400 values/);
    expect(r.stdout).toMatch(/bad rows: 1 of 401 left out \(1 not a number; line 402\)/);
    expect(r.stdout).toMatch(/rank {2}form/);
    expect(r.stdout).toMatch(/best: (exp|lognormal|gamma|weibull|quantiles)\(/);
    const files = readTree(a);
    expect(Object.keys(files).sort()).toEqual(['charts/histogram.svg', 'charts/histogram.vl.json', 'charts/qq.svg', 'charts/qq.vl.json', 'fit.json', 'report.html']);
    const col = readNumericColumn(csv, { column: 'duration_ms', unit: 'ms' });
    const again = await fitOutputFiles(col, fitSample(col.values), `sim fit ${csv} --column duration_ms --unit ms`);
    expect(Object.fromEntries([...again].map(([k, v]) => [k, Buffer.from(v).toString('latin1')]))).toEqual(files);
    expect(JSON.parse(files['fit.json']!).fits).toHaveLength(5);
  });

  const schedule = join(dir, 'crontab');
  writeFileSync(schedule, `${Array.from({ length: 30 }, (_, i) => `0 * * * * job-${i}`).join('\n')}\n`);
  const badCrontab = join(dir, 'bad-crontab');
  writeFileSync(badCrontab, '0 * * * * ok\n*/0 * * * * broken\n');
  const notCsv = join(dir, 'quote.csv');
  writeFileSync(notCsv, 'duration_ms\n5\n"6\n');
  const manyBad = join(dir, 'many-bad.csv');
  writeFileSync(manyBad, `duration_ms\n${Array.from({ length: 10 }, (_, i) => (i < 3 ? '-1' : String(i))).join('\n')}\n`);
  const trace = join(dir, 'trace.csv');
  writeFileSync(trace, 'ts\n1709280000\nyesterday\n');

  const scheduled = simAsync(['schedule', schedule]);
  test('sim schedule names the :00 pile-up', async () => {
    const r = await scheduled;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/30 jobs start at :00:00 every hour/);
  });

  const cases: [string, string[], RegExp][] = [
    ['fit: an unreadable file', ['fit', join(dir, 'nope.csv')], /^sim: cannot read .*nope\.csv: no such file; give the path of a readable file\n$/],
    ['fit: too many bad rows', ['fit', manyBad], /^sim: .*many-bad\.csv:2: 3 of 10 rows \(30\.0%\) are bad .*at most 5% may be/],
    ['schedule: a malformed cron line', ['schedule', badCrontab], /^sim: .*bad-crontab:2: '\*\/0 \* \* \* \*' is not a cron schedule/],
    ['run: a trace row that is not a timestamp', ['run', 'examples/replay-from-production.ts', '--arrivals', `trace:${trace}`], /^sim: .*trace\.csv:3: 'yesterday' in column 'ts' is not a timestamp/],
    ['run: a bad schedule file for thundering-herd', ['run', 'thundering-herd', '--schedule', badCrontab], /^sim: --schedule: .*bad-crontab:2:/],
  ];

  const outOf = (what: string) => join(dir, `out-${what.replace(/\W+/g, '-')}`);
  const withOut = (what: string, args: string[]) => (args.includes('--out') || args[0] === 'schedule' ? args : [...args, '--out', outOf(what)]);
  // Started together: the machine's cores run them side by side.
  const results = cases.map(([what, args]) => simAsync(withOut(what, args)));

  cases.forEach(([what, , message], i) => {
    test(`${what}: exit 2, one line, nothing written`, async () => {
      const out = outOf(what);
      const r = await results[i]!;
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    });
  });

  test('the same mistakes in process are InputErrors (exit 2) naming the file, the line and what was expected', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => readNumericColumn(csv, { column: 'ms' }), /durations\.csv:1: no column 'ms' \(--column\); the header names 'job', 'duration_ms'/],
      [() => readNumericColumn(csv, { column: 'duration_ms', unit: 'msec' }), /--unit: unknown unit 'msec'; use one of us, ms, s, m, h, d/],
      [() => readNumericColumn(csv), /durations\.csv:1: the file has 2 columns \(job, duration_ms\); name the one to read with --column/],
      [() => readNumericColumn(notCsv), /quote\.csv:\d: malformed CSV \(a quoted field is never closed\)/],
      [() => fitSample(Float64Array.of(3, 3, 3)), /all 3 values are equal \(3 s\): no distribution to fit; use const\(3\)/],
    ];
    for (const [f, message] of cases) {
      expect(f).toThrow(InputError);
      expect(f).toThrow(message);
    }
  });
});
