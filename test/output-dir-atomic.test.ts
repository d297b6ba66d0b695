import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeFileAtomic } from '../src/files/write-file-atomic.ts';
import { COMMIT_STEPS, type CommitStep, OutputDir, writeOutDir } from '../src/report/output-dir.ts';
import { readTree, ROOT, tempDir } from './helpers/cli.ts';

// The output protocol (a symlink swapped by rename over the output path, see OutputDir):
// at every step of a commit, a failure or a kill -9 leaves the complete old output or the
// complete new one, and the next writer removes whatever the dead one left.

const files = (tag: string) =>
  new Map([
    ['summary.json', `{"tag": "${tag}"}\n`],
    ['timeseries.csv', `t,${tag}\n`],
    ['charts/a.vl.json', `{"chart": "${tag}"}\n`],
  ]);
const tree = (tag: string) => Object.fromEntries([...files(tag)].sort(([a], [b]) => (a < b ? -1 : 1)));
const contentOf = (out: string) => (existsSync(out) ? readTree(out) : null);

type Start = 'none' | 'symlinked' | 'plain';

/** A parent folder with an output `out` as `start` says: none, one of ours, or an older sim's plain directory. */
function setup(start: Start): { parent: string; out: string } {
  const parent = tempDir('sim-outdir-');
  const out = join(parent, 'out');
  if (start === 'symlinked') writeOutDir(out, files('old'));
  if (start === 'plain') {
    for (const [rel, text] of files('old')) {
      mkdirSync(join(out, rel, '..'), { recursive: true });
      writeFileSync(join(out, rel), text);
    }
  }
  return { parent, out };
}

/** The output's siblings once every writer is done: the symlink and the one version it points to. */
function expectClean(parent: string): void {
  const names = readdirSync(parent).sort();
  expect(names).toEqual([names.find((n) => /^\.out\.v\d+$/.test(n)), 'out']);
  expect(lstatSync(join(parent, 'out')).isSymbolicLink()).toBe(true);
  expect(readlinkSync(join(parent, 'out'))).toBe(names[0]);
}

const stepsFor = (start: Start): CommitStep[] => COMMIT_STEPS.filter((s) => start === 'plain' || !s.startsWith('migrat'));
const publishedAt = (step: CommitStep) => COMMIT_STEPS.indexOf(step) >= COMMIT_STEPS.indexOf('published');

describe('a failure at any step of a commit leaves the old output or the new one, and nothing else', () => {
  for (const start of ['none', 'symlinked', 'plain'] as const) {
    for (const step of stepsFor(start)) {
      test(`starting from ${start === 'none' ? 'no output' : `a ${start} output`}, a failure after '${step}'`, () => {
        const { parent, out } = setup(start);
        const dir = OutputDir.open(out, {
          afterStep: (s) => {
            if (s === step) throw Object.assign(new Error(`EIO: i/o error after ${step}`), { code: 'EIO' });
          },
        });
        const commit = () => dir.commit(files('new'));
        if (publishedAt(step)) {
          commit();
          expect(contentOf(out)).toEqual(tree('new'));
        } else {
          expect(commit).toThrow(/^--out .*: cannot write: input\/output error on the device \(EIO\)$/);
          expect(contentOf(out)).toEqual(start === 'none' ? null : tree('old'));
        }
        // The lock is released and the next writer finds a clean place.
        if (start !== 'none' || publishedAt(step)) expect(readdirSync(parent).filter((n) => !/^\.out\.v\d+$/.test(n) && n !== 'out')).toEqual([]);
        writeOutDir(out, files('next'));
        expect(contentOf(out)).toEqual(tree('next'));
        expectClean(parent);
      });
    }
  }
});

const KILLER = join(ROOT, 'test', 'fixtures', 'output-dir', 'kill-writer.ts');

function killAt(out: string, step: CommitStep): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', KILLER, out, step, 'new'], { cwd: ROOT, stdio: 'ignore' });
    child.on('close', (_code, signal) => resolve(signal));
  });
}

describe('kill -9 at any step of a commit leaves the old output or the new one; the next writer cleans up', () => {
  // Every step of replacing one of our outputs, the two steps that turn an older sim's plain
  // directory into one, and the steps around publishing a first output.
  const plan: [Start, CommitStep][] = [
    ...stepsFor('symlinked').map((s): [Start, CommitStep] => ['symlinked', s]),
    ['plain', 'migrated'],
    ['plain', 'migration-linked'],
    ['none', 'sealed'],
    ['none', 'published'],
  ];
  const runs = new Map<string, Promise<{ parent: string; out: string; signal: NodeJS.Signals | null }>>();
  // All writers are killed concurrently (a few at a time); each test awaits its own.
  let chain: Promise<unknown>[] = [];
  for (const [start, step] of plan) {
    const { parent, out } = setup(start);
    const wait = chain.length >= 4 ? chain.shift()! : Promise.resolve();
    const p = wait.then(async () => ({ parent, out, signal: await killAt(out, step) }));
    chain.push(p);
    runs.set(`${start}/${step}`, p);
  }
  chain = [];

  for (const [start, step] of plan) {
    test(`${start === 'none' ? 'a first output' : `a ${start} output`}, killed after '${step}'`, async () => {
      const { parent, out, signal } = await runs.get(`${start}/${step}`)!;
      expect(signal).toBe('SIGKILL');
      const old = start === 'none' ? null : tree('old');
      const seen = contentOf(out);
      // The dead writer's lock is still there; the next writer takes it over.
      expect(existsSync(join(parent, '.out.lock'))).toBe(true);
      if (step === 'migrated') {
        // The one window where the path is missing: the plain directory is renamed aside,
        // complete, and the next writer puts it back before anything else.
        expect(seen).toBeNull();
        const next = OutputDir.open(out);
        expect(contentOf(out)).toEqual(old);
        next.release();
      } else {
        expect(seen).toEqual(publishedAt(step) ? tree('new') : old);
      }
      writeOutDir(out, files('next'));
      expect(contentOf(out)).toEqual(tree('next'));
      expectClean(parent);
    });
  }
});

describe('debris, concurrent writers and earlier versions of sim', () => {
  test("an older sim killed between its two renames (only .out.old-PID and .out.tmp-PID left): the next run restores the old output and removes the rest", () => {
    const parent = tempDir('sim-outdir-');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    mkdirSync(join(parent, `.out.old-${dead}`, 'charts'), { recursive: true });
    for (const [rel, text] of files('old')) writeFileSync(join(parent, `.out.old-${dead}`, rel), text);
    mkdirSync(join(parent, `.out.tmp-${dead}`));
    writeFileSync(join(parent, `.out.tmp-${dead}`, 'summary.json'), '{"half": ');
    const dir = OutputDir.open(join(parent, 'out'));
    expect(contentOf(join(parent, 'out'))).toEqual(tree('old'));
    dir.commit(files('new'));
    expect(contentOf(join(parent, 'out'))).toEqual(tree('new'));
    expectClean(parent);
  });

  test('a second writer of the same output is refused at once, in this process or another, and the first one finishes', () => {
    const { parent, out } = setup('symlinked');
    const first = OutputDir.open(out);
    expect(() => OutputDir.open(out)).toThrow(`--out ${out} is being written by another sim (pid ${process.pid}); wait for it to finish, or choose another output`);
    const other = spawnSync(process.execPath, [join(ROOT, 'bin', 'sim.mjs'), 'run', 'mm-c', '--duration', '1m', '--out', out], { cwd: parent, encoding: 'utf8' });
    expect(other.status).toBe(2);
    expect(other.stderr).toBe(`sim: --out ${out} is being written by another sim (pid ${process.pid}); wait for it to finish, or choose another output\n`);
    first.commit(files('new'));
    expect(contentOf(out)).toEqual(tree('new'));
    expectClean(parent);
  });

  test('a writer that lost its lock to another does not publish', () => {
    const { parent, out } = setup('symlinked');
    const dir = OutputDir.open(out, {
      afterStep: (s) => {
        // Another writer took the lock over (its owner seemed dead): this one must not publish.
        if (s === 'synced') writeFileSync(join(parent, '.out.lock'), JSON.stringify({ pid: 1, host: 'elsewhere', start: '', nonce: 'other' }));
      },
    });
    expect(() => dir.commit(files('new'))).toThrow(/was taken over by another sim while this one ran/);
    expect(contentOf(out)).toEqual(tree('old'));
  });

  test('a single file (a JUnit report, a baseline) is replaced whole; what a killed writer left beside it goes', () => {
    const parent = tempDir('sim-outdir-');
    const file = join(parent, 'junit.xml');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(`${file}.tmp-${dead}`, '<testsuites><testsu');
    writeFileSync(file, 'old');
    writeFileAtomic(file, 'new', '--junit');
    expect(readdirSync(parent)).toEqual(['junit.xml']);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  test('a user removing the output (the symlink) does not bring the old one back', () => {
    const { parent, out } = setup('symlinked');
    spawnSync('rm', [out]);
    const dir = OutputDir.open(out);
    expect(existsSync(out)).toBe(false);
    dir.release();
    expect(readdirSync(parent)).toEqual([]);
  });

  test('a symlink of the user\'s own is followed: the output goes where it points', () => {
    const parent = tempDir('sim-outdir-');
    mkdirSync(join(parent, 'real'));
    spawnSync('ln', ['-s', 'real/out', join(parent, 'mine')]);
    mkdirSync(join(parent, 'real', 'out'));
    writeOutDir(join(parent, 'mine'), files('new'));
    expect(contentOf(join(parent, 'mine'))).toEqual(tree('new'));
    expect(readlinkSync(join(parent, 'mine'))).toBe('real/out');
    expect(lstatSync(join(parent, 'real', 'out')).isSymbolicLink()).toBe(true);
  });
});
