import { spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURES = join(import.meta.dirname, 'fixtures');

export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** CPU time the command used, ms (user + system): a bound that does not move with the machine's load. */
  readonly cpuMs: number;
  /** Peak resident memory, KB (spawned processes only). */
  readonly maxRssKb?: number;
}

/**
 * Runs a command line in this process with `cwd` as the working directory (cases run one
 * after another, so changing it is safe) and captures what it writes.
 */
export async function runHere(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), env: { ...process.env, ...env }, stderrIsTTY: false, exitCode: 0 };
  const before = process.cwd();
  const cpu = process.cpuUsage();
  process.chdir(cwd);
  try {
    const code = await runCli(args, io);
    const used = process.cpuUsage(cpu);
    return { code, stdout, stderr, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    process.chdir(before);
  }
}

const PEAK = join(import.meta.dirname, 'report-usage.mjs');

/**
 * Runs the real CLI as a process, killed if it runs past `killAfterMs` of wall time; its CPU
 * time and peak memory come from the process itself, as it exits (see report-usage.mjs).
 */
export function runProcess(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}, killAfterMs = 120_000): Promise<Outcome & { signal: NodeJS.Signals | null }> {
  const usageFile = join(mkdtempSync(join(tmpdir(), 'sim-usage-')), 'usage.json');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', PEAK, join(ROOT, 'bin', 'sim.mjs'), ...args], {
      cwd,
      env: { ...process.env, ...env, SIM_TEST_USAGE_FILE: usageFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let usage = { cpuMs: Infinity, maxRssKb: Infinity };
      try {
        usage = JSON.parse(readFileSync(usageFile, 'utf8')) as typeof usage;
      } catch {
        // Killed before it could report: the bounds fail below.
      }
      rmSync(join(usageFile, '..'), { recursive: true, force: true });
      resolve({ code: code ?? -1, signal, stdout, stderr, ...usage });
    });
  });
}

/** Every entry under dir (hidden ones too), with file sizes and link targets: to see what a command left. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.push(`${r} -> ${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.push(`${r}/`);
        walk(p, r);
      } else out.push(`${r} (${st.size})`);
    }
  };
  walk(dir, '');
  return out;
}
