import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadModel } from '../src/model/load-model.ts';
import { runModel } from '../src/model/run-model.ts';
import { summaryJson } from '../src/report/summary-json.ts';
import { ROOT, tempDir } from './helpers/cli.ts';
import { emptyProject, exec, npmInstall, packSim, type Run } from './helpers/installed-package.ts';

// sim as its users meet it: `npm pack`, the tarball installed into an empty project, and the
// installed `sim` run there; then `sim init` and the new project's own `npm install && npm test`.
// The two installs are most of the cost (from npm's cache, about 8 s of CPU each).

const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const RECORD_IMPORTS = join(ROOT, 'test', 'fixtures', 'record-imports.mjs');

/** A user's model: a plain .ts file (its folder is no ES module package) that imports from 'sim'. */
const USER_MODEL = `import { ArrivalProcess, defineModel, Departures, Exponential, JobQueue, param, parseDistribution, WorkerPool } from 'sim';

export default defineModel({
  name: 'tiny',
  summary: 'one queue, N workers',
  duration: '10m',
  params: {
    rate: param.rate({ default: '20/s', min: 0, description: 'job arrival rate' }),
    workers: param.int({ default: 3, min: 1, unit: 'workers', description: 'worker processes' }),
    service: param.distribution({ default: 'lognormal(120ms, 60ms)', description: 'job duration' }),
  },
  build(ctx, p) {
    const queue = new JobQueue(ctx, 'jobs');
    const done = new Departures(ctx, 'done');
    const pool = new WorkerPool(ctx, { name: 'workers', workers: p.workers, queue, service: parseDistribution(p.service), next: done });
    new ArrivalProcess(ctx, { name: 'arrivals', interarrival: new Exponential(1 / p.rate), to: queue });
    const workers: number = p.workers;
    return { summary: () => ({ jobs: done.count.total, utilization_ratio: pool.busy.mean / workers }) };
  },
});
`;

let dir: string;
let tarball: string;
let project: string;

beforeAll(() => {
  dir = tempDir('sim-package-');
  tarball = packSim(dir);
  project = join(dir, 'project');
  mkdirSync(project);
  emptyProject(project, 'empty-project');
  const r = npmInstall(project, [tarball]);
  expect(r.stderr).not.toMatch(/ERR!/);
  expect(r.code).toBe(0);
});

/**
 * Runs `npx sim ...` in the project (or the installed bin directly, which skips npx's own
 * second of start-up), recording the modules the installed sim loads; returns the run and the
 * packages (by name) it loaded from the project's node_modules, sim aside.
 */
function npxSim(args: readonly string[], via: 'npx' | 'bin' = 'npx'): Run & { packages: string[] } {
  const log = join(dir, `imports-${args.join('-').replace(/\W+/g, '_')}.log`);
  writeFileSync(log, '');
  const [cmd, ...pre] = via === 'npx' ? ['npx', 'sim'] : [join(project, 'node_modules', '.bin', 'sim')];
  const r = exec(cmd!, [...pre, ...args], project, { NODE_OPTIONS: `--import=${RECORD_IMPORTS}`, SIM_TEST_IMPORT_LOG: log });
  const modules = join(project, 'node_modules');
  const urls = readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith(`file://${modules}/`));
  const names = urls.map((u) => /^((?:@[^/]+\/)?[^/]+)\//.exec(u.slice(`file://${modules}/`.length))?.[1]);
  return { ...r, packages: [...new Set(names.filter((n): n is string => n !== undefined && n !== 'sim'))].sort() };
}

describe('the packed package, installed into an empty project', () => {
  test('holds compiled JavaScript, declarations, the bin and the init template, and no TypeScript sources', () => {
    const files = exec('tar', ['tzf', tarball], dir).stdout.split('\n').filter(Boolean);
    expect(files).toEqual(
      expect.arrayContaining(['package/bin/sim.mjs', 'package/dist/src/index.js', 'package/dist/src/index.d.ts', 'package/dist/models/mm-c.js', 'package/templates/init/models/jobs.ts', 'package/package.json', 'package/README.md']),
    );
    expect(files.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f) && !f.startsWith('package/templates/'))).toEqual([]);
    expect(files.filter((f) => /^package\/(src|test|scripts|bench)\//.test(f))).toEqual([]);
    // Declarations name the .js files beside them, as editors expect.
    expect(readFileSync(join(project, 'node_modules', 'sim', 'dist', 'src', 'index.d.ts'), 'utf8')).toMatch(/from '\.\/model\/define-model\.js'/);
  });

  test('npx sim --version prints the version and loads no other package; sim list loads neither the models nor charts', () => {
    expect(npxSim(['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: '', packages: [] });
    const list = npxSim(['list'], 'bin');
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toMatch(/^batch-scale-up /);
    expect(list.packages).toEqual(expect.arrayContaining(['yargs']));
    // The table comes from dist/models/index.json: no model, and so not the engine's RNG, is loaded.
    for (const unused of ['csv-stringify', 'seedrandom', 'tsx', 'vega', 'vega-lite', 'yaml', 'zod']) expect(list.packages).not.toContain(unused);
  });

  test('npx sim run mm-c writes the summary.json the sources compute, byte for byte, and loads charts but not tsx', async () => {
    const r = npxSim(['run', 'mm-c', '--duration', '10m', '--out', 'out-mm-c']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote out-mm-c\/ \(summary\.json, run\.json, timeseries\.csv, \d+ charts, report\.html\)/);
    expect(r.packages).toEqual(expect.arrayContaining(['csv-stringify', 'seedrandom', 'vega', 'vega-lite', 'yargs']));
    expect(r.packages).not.toContain('tsx');
    expect(r.packages).not.toContain('zod');
    const fromSources = summaryJson(runModel(await loadModel('mm-c'), { seed: 1, durationS: 600 }));
    expect(readFileSync(join(project, 'out-mm-c', 'summary.json'), 'utf8')).toBe(fromSources);
    expect(readFileSync(join(project, 'out-mm-c', 'report.html'), 'utf8')).toMatch(/<svg/);
  });

  test("a user's model.ts, in a project that is no ES module package, imports 'sim' and runs, through tsx", () => {
    writeFileSync(join(project, 'model.ts'), USER_MODEL);
    const r = npxSim(['run', 'model.ts', '--workers', '4', '--out', 'out-tiny'], 'bin');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.packages).toContain('tsx');
    const s = JSON.parse(readFileSync(join(project, 'out-tiny', 'summary.json'), 'utf8'));
    expect(s.model).toBe('tiny');
    expect(s.params).toEqual({ rate: 20, workers: 4, service: 'lognormal(0.12, 0.06)', duration: 600 });
    // 20 jobs/s for 10 minutes on 4 workers of ~0.12 s each: ~12,000 jobs at ~60% utilisation.
    expect(s.metrics.jobs).toBeGreaterThan(11_000);
    expect(s.metrics.jobs).toBeLessThan(13_000);
    expect(s.metrics.utilization_ratio).toBeGreaterThan(0.55);
    expect(s.metrics.utilization_ratio).toBeLessThan(0.65);
  });

  test("tsc --noEmit passes that model against the installed declarations, and catches a misuse of sim's API", () => {
    writeFileSync(join(project, 'model.ts'), USER_MODEL);
    writeFileSync(join(project, 'misuse.ts'), USER_MODEL.replace('param.int({ default: 3,', "param.int({ default: 'three',"));
    const tsconfig = { compilerOptions: { module: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['model.ts', 'misuse.ts'] };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const r = exec(process.execPath, [TSC, '-p', 'tsconfig.json'], project);
    expect(r.code).toBe(2);
    // One error, in the misuse; none in the model.
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^misuse\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'\.$/)]);
  });
});

describe('sim init', () => {
  test('creates a project whose npm install && npm test pass, and refuses to write over it', () => {
    const bin = join(project, 'node_modules', '.bin', 'sim');
    const created = exec(bin, ['init', 'my-system', '--sim-dependency', `file:${tarball}`], project);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created 8 files in my-system\/: \.github\/workflows\/sim-check\.yml, \.gitignore, README\.md, checks\/jobs\.yaml, experiments\/workers\.yaml, models\/jobs\.ts, package\.json, tsconfig\.json\n/);
    const root = join(project, 'my-system');
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies).toEqual({ sim: `file:${tarball}` });

    const install = npmInstall(root);
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.code).toBe(0);
    const t = exec('npm', ['test'], root);
    expect(t.stderr).toBe('');
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/four workers keep receipts prompt +wait_p99_s < 5 .* pass/);
    expect(t.stdout).toMatch(/ok: 5 checks in 1 file: 4 passed, 0 failed, 1 without a baseline/);

    const again = exec(bin, ['init', 'my-system'], project);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^sim: 'my-system' is not empty \(.*\); give a new or empty folder/);
  });
});
