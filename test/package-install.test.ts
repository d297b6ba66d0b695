import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadModel } from '../src/model/load-model.ts';
import { runModel } from '../src/model/run-model.ts';
import { summaryJson } from '../src/report/summary-json.ts';
import { ROOT, tempDir } from './helpers/cli.ts';
import { emptyProject, exec, npmInstall, packSim } from './helpers/installed-package.ts';

// sim as its users meet it: `npm pack`, the tarball installed into an empty project, and the
// installed `sim` run there. The project is shared by the tests below (one install, ~5–10 s).

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

/** The module URLs a command of the installed sim loads. */
function importsOf(args: readonly string[]): string[] {
  const log = join(dir, `imports-${args.join('-').replace(/\W+/g, '_')}.log`);
  writeFileSync(log, '');
  const bin = join(project, 'node_modules', '.bin', 'sim');
  const r = exec(process.execPath, ['--import', RECORD_IMPORTS, bin, ...args], project, { SIM_TEST_IMPORT_LOG: log });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('the packed package, installed into an empty project', () => {
  test('holds compiled JavaScript, declarations, the bin and the init template, and no TypeScript sources', () => {
    const files = exec('tar', ['tzf', tarball], dir).stdout.split('\n').filter(Boolean);
    expect(files).toEqual(expect.arrayContaining(['package/bin/sim.mjs', 'package/dist/src/index.js', 'package/dist/src/index.d.ts', 'package/dist/models/mm-c.js', 'package/templates/init/models/jobs.ts', 'package/package.json', 'package/README.md']));
    const sources = files.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f) && !f.startsWith('package/templates/'));
    expect(sources).toEqual([]);
    expect(files.filter((f) => /^package\/(src|test|scripts|bench)\//.test(f))).toEqual([]);
    // Declarations point at the .js files beside them, as editors expect.
    expect(readFileSync(join(project, 'node_modules', 'sim', 'dist', 'src', 'index.d.ts'), 'utf8')).toMatch(/from '\.\/model\/define-model\.js'/);
  });

  test('npx sim --version prints the package version', () => {
    const r = exec('npx', ['sim', '--version'], project);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  test('npx sim run mm-c writes the same summary.json, byte for byte, as the sources compute', async () => {
    const r = exec('npx', ['sim', 'run', 'mm-c', '--duration', '10m', '--out', 'out-mm-c'], project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote out-mm-c\/ \(summary\.json, timeseries\.csv, \d+ charts, report\.html\)/);
    const fromSources = summaryJson(runModel(await loadModel('mm-c'), { seed: 1, durationS: 600 }));
    expect(readFileSync(join(project, 'out-mm-c', 'summary.json'), 'utf8')).toBe(fromSources);
    expect(readFileSync(join(project, 'out-mm-c', 'report.html'), 'utf8')).toMatch(/<svg/);
  });

  test('--version loads no parser, list no charts, and built-in models run without tsx', () => {
    const ours = (urls: string[]) => urls.filter((u) => u.includes('/node_modules/sim/'));
    const packages = (urls: string[]) => [...new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p) => p && p !== 'sim'))].sort();

    const version = importsOf(['--version']);
    expect(packages(version)).toEqual([]);
    expect(ours(version).every((u) => /\/(bin\/sim\.mjs|dist\/src\/(cli\/main|cli\/exit-codes|cli\/sim-package|input-error|package-layout)\.js)$/.test(u))).toBe(true);

    const list = packages(importsOf(['list']));
    expect(list).toContain('yargs');
    expect(list).not.toContain('tsx');
    expect(list).not.toContain('vega');
    expect(list).not.toContain('zod');

    const run = packages(importsOf(['run', 'mm-c', '--duration', '1m', '--out', 'out-imports']));
    expect(run).toContain('vega');
    expect(run).not.toContain('tsx');
    expect(run).not.toContain('zod');
  });

  test("a user's model.ts, in a project that is no ES module package, imports 'sim' and runs", () => {
    writeFileSync(join(project, 'model.ts'), USER_MODEL);
    const r = exec('npx', ['sim', 'run', 'model.ts', '--workers', '4', '--out', 'out-tiny'], project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(project, 'out-tiny', 'summary.json'), 'utf8'));
    expect(s.model).toBe('tiny');
    expect(s.params).toEqual({ rate: 20, workers: 4, service: 'lognormal(0.12, 0.06)', duration: 600 });
    // 20 jobs/s for 10 minutes on 4 workers of ~0.12 s each: ~12,000 jobs at ~60% utilisation.
    expect(s.metrics.jobs).toBeGreaterThan(11_000);
    expect(s.metrics.jobs).toBeLessThan(13_000);
    expect(s.metrics.utilization_ratio).toBeGreaterThan(0.55);
    expect(s.metrics.utilization_ratio).toBeLessThan(0.65);
  });

  test("tsc --noEmit checks that model against the installed declarations, and catches a misuse of sim's API", () => {
    writeFileSync(join(project, 'model.ts'), USER_MODEL);
    const tsconfig = { compilerOptions: { module: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['model.ts'] };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const ok = exec(process.execPath, [TSC, '-p', 'tsconfig.json'], project);
    expect(ok.stdout).toBe('');
    expect(ok.code).toBe(0);

    writeFileSync(join(project, 'model.ts'), USER_MODEL.replace("param.int({ default: 3,", "param.int({ default: 'three',"));
    const bad = exec(process.execPath, [TSC, '-p', 'tsconfig.json'], project);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/model\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
  });
});

describe('sim init', () => {
  test('creates a project whose npm install && npm test pass, and refuses to write over it', () => {
    const created = exec('npx', ['sim', 'init', 'my-system', '--sim-dependency', `file:${tarball}`], project);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created 8 files in my-system\/: \.github\/workflows\/sim-check\.yml, \.gitignore, README\.md, checks\/jobs\.yaml, experiments\/workers\.yaml, models\/jobs\.ts, package\.json, tsconfig\.json\n/);
    const root = join(project, 'my-system');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('my-system');
    expect(pkg.dependencies).toEqual({ sim: `file:${tarball}` });
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toMatch(/^# my-system\n/);

    const install = npmInstall(root);
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.code).toBe(0);
    const t = exec('npm', ['test'], root);
    expect(t.stderr).toBe('');
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/four workers keep receipts prompt +wait_p99_s < 5 .* pass/);
    expect(t.stdout).toMatch(/ok: 5 checks in 1 file: 4 passed, 0 failed, 1 without a baseline/);

    const again = exec('npx', ['sim', 'init', 'my-system'], project);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^sim: 'my-system' is not empty \(.*\); give a new or empty folder/);
    expect(again.stdout).toBe('');
  });
});
