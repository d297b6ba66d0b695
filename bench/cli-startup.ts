// Start-up of the installed `sim`: npm run bench:cli [-- --runs N] [--dir DIR]
//
// Packs sim, installs the tarball into an empty project (from npm's cache where it can), and
// times the installed binary, `node_modules/.bin/sim ...` as a shell starts it (by its #! line), for
// `sim --version`, `sim list` and `sim run mm-c --duration 1s` (which draws its charts and
// writes report.html). Commands take turns, round by round, so a change in background load
// falls on all of them; each gets one untimed warm-up run (filling the OS file cache). Prints
// median, min and max wall time of each, with Node's own start-up beside them and the load
// average, and (where /usr/bin/time exists) the median CPU time (user + system), which a
// shared machine inflates far less than wall time. Figures for reading, never a gate.
// --dir installs into DIR, or reuses the project already installed there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { tempDir } from '../test/helpers/cli.ts';
import { emptyProject, npmInstall, packSim } from '../test/helpers/installed-package.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const runs = Number(arg('--runs') ?? 7);
if (!(Number.isInteger(runs) && runs >= 5)) throw new Error('--runs: give a whole number >= 5');

const given = arg('--dir');
const project = given ?? join(tempDir('sim-bench-cli-'), 'project');
const bin = join(project, 'node_modules', '.bin', 'sim');
if (!existsSync(bin)) {
  mkdirSync(project, { recursive: true });
  emptyProject(project, 'bench-cli');
  const tarball = packSim(join(project, '..'));
  process.stderr.write(`installing ${tarball} into ${project} ...\n`);
  const r = npmInstall(project, [tarball]);
  if (r.code !== 0) throw new Error(`npm install failed: ${r.stderr}`);
}

interface Case {
  readonly label: string;
  readonly target: number | null;
  readonly argv: readonly string[];
}
const cases: Case[] = [
  { label: 'node -e 0 (Node alone)', target: null, argv: ['-e', '0'] },
  { label: 'sim --version', target: 0.5, argv: [bin, '--version'] },
  { label: 'sim list', target: 0.5, argv: [bin, 'list'] },
  { label: 'sim run mm-c --duration 1s', target: 1.5, argv: [bin, 'run', 'mm-c', '--duration', '1s', '--out', join(project, 'out-mm-c')] },
];

const TIME = '/usr/bin/time';
const withCpu = existsSync(TIME);

/** Wall seconds, and CPU seconds (user + system) when /usr/bin/time can tell. */
function timeOnce(c: Case): { wall: number; cpu: number } {
  // sim is started as a shell starts it: the file itself, by its #! line (which names the V8
  // flag sim runs under); Node alone is started as node.
  const argv = c.argv[0] === bin ? [...c.argv] : [process.execPath, ...c.argv];
  const [cmd, args] = withCpu ? [TIME, ['-f', 'cpu %U %S', ...argv]] : [argv[0]!, argv.slice(1)];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: project, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${c.label} exited ${r.status}: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
}

const loadBefore = loadavg()[0]!;
for (const c of cases) timeOnce(c);
const times = new Map<Case, number[]>(cases.map((c) => [c, []]));
const cpuTimes = new Map<Case, number[]>(cases.map((c) => [c, []]));
for (let r = 0; r < runs; r++) {
  for (const c of cases) {
    const t = timeOnce(c);
    times.get(c)!.push(t.wall);
    cpuTimes.get(c)!.push(t.cpu);
  }
}
const loadAfter = loadavg()[0]!;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (s: number) => `${s.toFixed(3)} s`;
console.log(`installed sim in ${project}; Node ${process.version}; ${availableParallelism()} cores (${cpus()[0]?.model.trim()})`);
console.log(`${runs} timed runs each after one warm-up; load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after\n`);
console.log(`${'command'.padEnd(30)}  ${'wall median'.padStart(11)}  ${'min'.padStart(8)}  ${'max'.padStart(8)}  ${'CPU median'.padStart(10)}  target (wall)`);
for (const c of cases) {
  const t = times.get(c)!;
  const cpu = withCpu ? fmt(median(cpuTimes.get(c)!)) : 'n/a';
  const target = c.target === null ? '' : `≤ ${c.target} s${median(t) <= c.target ? '' : '  (over)'}`;
  console.log(`${c.label.padEnd(30)}  ${fmt(median(t)).padStart(11)}  ${fmt(Math.min(...t)).padStart(8)}  ${fmt(Math.max(...t)).padStart(8)}  ${cpu.padStart(10)}  ${target}`);
}
if (!given) rmSync(join(project, '..'), { recursive: true, force: true });
