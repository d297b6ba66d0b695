import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { badInputs, type ShardSource } from './cases.ts';
import { type Outcome, ROOT, runProcess, snapshot } from './harness.ts';

// The cases that once ran away (forever, or into gigabytes), run in a process of their own
// so that its memory can be measured: each exits 2 with one line and leaves nothing behind,
// within 10 s of CPU time; the process's peak memory, which bounds every case's, stays under
// 300 MB. CPU time, not wall time: the machine may be loaded. Then the cases that need the
// real loader or worker threads, each as `sim` itself.

const CPU_MS = 10_000;
const RSS_KB = 300 * 1024;
const root = mkdtempSync(join(tmpdir(), 'sim-bad-input-proc-'));
const cases = badInputs({} as ShardSource);

interface BoundsReport {
  results: { name: string; code: number; stdout: string; stderr: string; cpuMs: number; unchanged: boolean }[];
  maxRssKb: number;
}

const bounds: Promise<BoundsReport> = new Promise((resolve, reject) => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'bounds-runner.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as BoundsReport) : reject(new Error(`bounds-runner exited ${code}: ${err}`))));
});

describe('runaway inputs are refused within 10 s of CPU and 300 MB: exit 2, one line, nothing left behind', () => {
  const runaway = cases.filter((c) => c.spawn === true);

  test('the runner ran every such case and stayed under 300 MB at its peak', async () => {
    const report = await bounds;
    expect(report.results.map((r) => r.name)).toEqual(runaway.map((c) => c.name));
    expect(report.maxRssKb).toBeLessThan(RSS_KB);
  });

  for (const c of runaway) {
    test(c.name, async () => {
      const r = (await bounds).results.find((x) => x.name === c.name)!;
      expect({ code: r.code, stderr: r.stderr.trimEnd() }).toEqual({ code: 2, stderr: expect.stringMatching(c.stderr) as unknown });
      expect(r.stderr.slice(0, -1).split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
      expect(r.unchanged).toBe(true);
      expect(r.cpuMs).toBeLessThan(CPU_MS);
    });
  }
});

describe('as sim itself: the real loader, worker threads, a closed pipe', () => {
  for (const c of cases.filter((x) => x.spawn === 'only')) {
    test(c.name, async () => {
      const work = mkdtempSync(join(root, 'case-'));
      c.setup?.(work);
      const before = snapshot(work);
      const r: Outcome = await runProcess(c.args, work, c.env);
      expect({ code: r.code, stderr: r.stderr.trimEnd() }).toEqual({ code: 2, stderr: expect.stringMatching(c.stderr) as unknown });
      expect(r.stderr.slice(0, -1).split('\n')).toHaveLength(1);
      expect(snapshot(work)).toEqual(before);
      expect(r.cpuMs).toBeLessThan(CPU_MS);
      expect(r.maxRssKb).toBeLessThan(RSS_KB);
    });
  }

  test('a reader that closes the pipe early (sim list | head -1) stops sim quietly: no stack trace, exit code 0', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'sim.mjs'), 'list'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The reading end is closed before sim writes a byte: its first write fails with EPIPE.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
