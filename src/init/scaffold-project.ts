import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { InputError } from '../input-error.ts';
import { PACKAGE_ROOT } from '../package-layout.ts';

/** The template `sim init` copies: a model, an experiment, a check file, a CI workflow, a README. */
const TEMPLATE = join(PACKAGE_ROOT, 'templates', 'init');

/** Template names for files npm would leave out of the package or that would act in sim's own repository. */
const RENAMES: Readonly<Record<string, string>> = { gitignore: '.gitignore', github: '.github' };

/** Entries a folder may already hold and still count as empty for a new project. */
const IGNORABLE = new Set(['.git']);

export interface ScaffoldOptions {
  /** What the new package.json depends on for sim: a version range, a tarball path or URL, a git URL. */
  readonly simDependency: string;
  /** The version range of TypeScript the project type-checks its model with. */
  readonly typescript: string;
}

/**
 * Creates a project for modelling one's own system in `dir` (which must not exist, or be
 * empty): package.json, tsconfig.json and the template's files. The files are written in a
 * sibling folder and moved into place when all are written, so a failure leaves nothing behind.
 * Returns the files created, relative to `dir`, sorted.
 */
export function scaffoldProject(dir: string, opts: ScaffoldOptions): string[] {
  const target = resolve(dir);
  checkTarget(dir, target);
  const staging = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  let staged = false;
  try {
    mkdirSync(staging, { recursive: true });
    staged = true;
    copyTemplate(TEMPLATE, staging, projectName(target));
    writeFileSync(join(staging, 'package.json'), `${JSON.stringify(packageJson(projectName(target), opts), null, 2)}\n`);
    const files = listFiles(staging).sort();
    if (existsSync(target)) {
      for (const entry of readdirSync(staging)) renameSync(join(staging, entry), join(target, entry));
    } else {
      renameSync(staging, target);
    }
    return files;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`could not create '${dir}': ${err.code ?? ''} ${err.message}`.replace(/\s+/g, ' '));
  } finally {
    if (staged) rmSync(staging, { recursive: true, force: true });
  }
}

function checkTarget(dir: string, target: string): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new InputError(`'${dir}' is a file; give a new or empty folder, e.g. sim init my-system`);
  const present = readdirSync(target).filter((e) => !IGNORABLE.has(e));
  if (present.length > 0) {
    const shown = present.slice(0, 3).join(', ') + (present.length > 3 ? ', …' : '');
    throw new InputError(`'${dir}' is not empty (${shown}); give a new or empty folder, e.g. sim init my-system`);
  }
}

/** The folder's name as an npm package name: lower case, letters, digits, `-`, `.` and `_`. */
function projectName(target: string): string {
  const name = basename(target)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name || 'my-system';
}

function packageJson(name: string, opts: ScaffoldOptions): object {
  return {
    name,
    version: '0.1.0',
    private: true,
    description: 'A sim model of our background jobs: runs, sweeps and CI checks',
    type: 'module',
    scripts: {
      test: 'tsc && sim check',
      check: 'sim check',
      sweep: 'sim sweep experiments/workers.yaml',
    },
    dependencies: { sim: opts.simDependency },
    devDependencies: { typescript: opts.typescript },
  };
}

function copyTemplate(from: string, to: string, name: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from).sort()) {
    const src = join(from, entry);
    const dest = join(to, RENAMES[entry] ?? entry);
    if (statSync(src).isDirectory()) copyTemplate(src, dest, name);
    else writeFileSync(dest, readFileSync(src, 'utf8').replaceAll('{{name}}', name));
  }
}

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? listFiles(root, p) : [relative(root, p).split('\\').join('/')];
  });
}
