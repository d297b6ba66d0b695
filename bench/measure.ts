// Helpers shared by the benchmark sections: CPU timing, medians, child processes, tables.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Model } from '../src/index.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** CPU seconds (user + system, this process) spent in fn, and fn's result. */
export function cpuTimed<T>(fn: () => T): { cpuS: number; wallS: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallS = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { cpuS: (c.user + c.system) / 1e6, wallS, value };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The median of the rounds' ratios a[r] / b[r] and their range, e.g. '0.228 (0.21–0.24)': each
 * ratio from runs taken seconds apart, which a busier minute on the host moves less than it
 * moves a median of each column on its own.
 */
export function roundRatios(a: readonly number[], b: readonly number[], digits: number, unit = ''): string {
  const rs = a.map((x, r) => x / (b[r] ?? NaN)).filter(Number.isFinite);
  if (rs.length === 0) return 'n/a';
  return `${fmt(median(rs), digits)}${unit} (${fmt(Math.min(...rs), digits)}–${fmt(Math.max(...rs), digits)}${unit})`;
}

/** The 1-minute load average: on a shared machine it says how much the figures are worth. */
export function load(): string {
  return loadavg()[0]!.toFixed(1);
}

/** The V8 flag sim's command starts Node with (bin/sim.mjs's #! line; docs/performance.md says why). */
export const SIM_V8_FLAG = '--no-concurrent-recompilation';

/**
 * Node flags added, from SIM_BENCH_NODE_FLAGS (split on spaces), to the processes that run the
 * engine as sim runs it (the M/M/c rows, the event-set rounds, the day's simulation, memory): for measuring a V8
 * setting sim does not use, with the same benchmark. The reference loop, SimPy, the day's
 * whole command and the sections run in the bench's own process go without them.
 */
export const EXTRA_NODE_FLAGS: readonly string[] = (process.env.SIM_BENCH_NODE_FLAGS ?? '').split(/\s+/).filter((f) => f !== '');

/** Exits 2 with Node's own message when Node does not start with SIM_BENCH_NODE_FLAGS. */
export function checkExtraNodeFlags(): void {
  if (EXTRA_NODE_FLAGS.length === 0) return;
  const r = spawnSync(process.execPath, [...EXTRA_NODE_FLAGS, '-e', '0'], { encoding: 'utf8' });
  if (r.status === 0) return;
  const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0];
  console.error(`bench: SIM_BENCH_NODE_FLAGS='${EXTRA_NODE_FLAGS.join(' ')}': Node does not start with it (${why})`);
  process.exit(2);
}

/** The flags of a process that runs the engine: sim's, and any SIM_BENCH_NODE_FLAGS. */
export const ENGINE_FLAGS: readonly string[] = [SIM_V8_FLAG, ...EXTRA_NODE_FLAGS];

export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const v8 = process.execArgv.includes(SIM_V8_FLAG) ? `V8 ${SIM_V8_FLAG} (as sim runs)` : `V8 defaults (sim's command runs with ${SIM_V8_FLAG}: npm run bench passes it)`;
  const extra = EXTRA_NODE_FLAGS.length ? `, engine processes also with ${EXTRA_NODE_FLAGS.join(' ')} (SIM_BENCH_NODE_FLAGS)` : '';
  return `Node ${process.version}, ${cpus().length} × ${cpu}, ${v8}${extra}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;
}

/** Runs a command; returns its stdout, or null (with the reason) if it could not run or failed. */
export function runChild(cmd: string, args: readonly string[], cwd = repoRoot): { out: string } | { error: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.error) return { error: r.error.message };
  if (r.status !== 0) return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-1)[0]! };
  return { out: r.stdout };
}

/** Reads `key=value` from a line such as the reference loop and the SimPy script print. */
export function field(out: string, key: string): number {
  const m = new RegExp(`(?:^|\\s)${key}=([-\\d.e+]+)`).exec(out);
  return m ? Number(m[1]) : NaN;
}

/**
 * The reference loop lives beside the repository (in `shared/reference/` of an ancestor
 * directory: `../shared/reference/` from a checkout next to it); SIM_REFERENCE_LOOP names it
 * elsewhere. It is not part of sim and is never copied into it.
 */
export function findReferenceLoop(): string | null {
  const named = process.env.SIM_REFERENCE_LOOP;
  if (named) return existsSync(named) ? resolve(named) : null;
  for (let dir = dirname(repoRoot); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'reference', 'mm-c-limit.mjs');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

export function fmt(n: number, digits = 0): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';
}

/** Prints rows as an aligned plain-text table (first column left, the rest right). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/**
 * Runs a bench file again in a Node of its own, with nodeFlags, as `FILE --child ARGS`: a
 * fresh process per figure, as a user's run is. The file reads ARGS with childArgs.
 */
export function runBenchChild(fileUrl: string, nodeFlags: readonly string[], args: readonly string[]): { out: string } | { error: string } {
  return runChild(process.execPath, [...nodeFlags, 'bin/run-ts.mjs', fileURLToPath(fileUrl), '--child', ...args]);
}

/** The arguments after --child when runBenchChild started this process for fileUrl; else null. */
export function childArgs(fileUrl: string): string[] | null {
  const i = process.argv.indexOf('--child');
  return i >= 0 && resolve(process.argv[1] ?? '') === fileURLToPath(fileUrl) ? process.argv.slice(i + 1) : null;
}

/** The last line a child printed, as JSON. */
export function lastJson<T>(out: string): T {
  return JSON.parse(out.trim().split('\n').slice(-1)[0]!) as T;
}

export type Engine = typeof import('../src/index.ts');

/**
 * The engine and a built-in model as sim runs them: the compiled dist/ when it matches the
 * sources, else the sources (through tsx). Says which, for the figures' caption.
 */
export async function loadEngine(name: string): Promise<{ engine: Engine; model: Model; from: string }> {
  const stateModule = '../scripts/source-state.mjs';
  const { distIsCurrent } = (await import(stateModule)) as { distIsCurrent: () => boolean };
  if (distIsCurrent()) {
    const dist = '../dist/src/index.js';
    const model = `../dist/models/${name}.js`;
    return { engine: (await import(dist)) as Engine, model: ((await import(model)) as { default: Model }).default, from: 'dist/' };
  }
  const model = `../models/${name}.ts`;
  return { engine: await import('../src/index.ts'), model: ((await import(model)) as { default: Model }).default, from: 'sources (dist/ is stale: npm run build)' };
}
