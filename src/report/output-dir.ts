import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { displayPath, fsCause, fsInputError, isSystemError } from '../files/fs-error.ts';
import { makeDirs, removeCreatedDirs } from '../files/make-dirs.ts';
import { writeDurably } from '../files/write-file-atomic.ts';
import { OutputLock } from '../files/output-lock.ts';
import { pidAlive } from '../files/pid-alive.ts';
import { InputError } from '../input-error.ts';

/** Files sim writes that mark a directory as one of its outputs (safe to replace). */
const MARKERS = ['summary.json', 'sweep.csv', 'plan.csv', 'shard.json', 'fit.json'];

/** Longest suffix sim adds to the output's name for its own files (`.tmp-4194304`, `.lock.stale-…`). */
const SUFFIX_ROOM = 24;
const NAME_MAX = 255;

/** The steps of a commit, in order; tests stop a writer at each one. */
export const COMMIT_STEPS = ['migrated', 'migration-linked', 'tmp-created', 'file-written', 'files-written', 'synced', 'sealed', 'linked', 'published', 'old-removed'] as const;
export type CommitStep = (typeof COMMIT_STEPS)[number];

export interface OutputDirOptions {
  /** The flag that named the directory, for messages. @default '--out' */
  readonly flag?: string;
  /** Called after each step of a commit: fault injection in tests. */
  readonly afterStep?: (step: CommitStep) => void;
}

/**
 * An output directory replaced atomically, by a symbolic link swap: the output path is a
 * symlink to a hidden, complete version directory beside it (`reports/mm-c ->
 * .mm-c.v7`). A commit writes the new version under a temporary name, seals it by a rename
 * once complete, points a new symlink at it and renames that over the output path, which
 * rename(2) does atomically; then it deletes the previous version. A reader of the output
 * path therefore finds, at every instant, the complete old output or the complete new one.
 *
 * One writer at a time holds a lock beside the output (`.mm-c.lock`), taken when the
 * directory is opened, before any simulation runs; a second writer exits with code 2 at
 * once. Whatever a dead writer left (temporary and unpublished versions, a stale lock) is
 * removed by the next writer, which first restores the output if the writer died in the
 * one window where the path is missing: the first replacement of a plain directory, which
 * must be renamed aside before the symlink can take its place.
 */
export class OutputDir {
  private lock: OutputLock | null;
  private readonly created: string[];
  private committed = false;

  private constructor(
    /** As the user gave it, for messages. */
    readonly dir: string,
    /** Absolute path of the output (the symlink). */
    readonly path: string,
    private readonly flag: string,
    private readonly afterStep: (step: CommitStep) => void,
    lock: OutputLock,
    created: string[],
  ) {
    this.lock = lock;
    this.created = created;
  }

  /**
   * Checks that `dir` can receive an output and takes its lock, before anything runs: it must
   * not be a file, a directory that is not sim's output, the current directory, or on a file
   * system where sim cannot write. Cleans up after writers that died. Release it (commit or
   * release) when done.
   */
  static open(dir: string, opts: OutputDirOptions = {}): OutputDir {
    const flag = opts.flag ?? '--out';
    const what = `${flag} ${displayPath(dir)}`;
    const name = basename(resolve(dir));
    if (Buffer.byteLength(name) + SUFFIX_ROOM > NAME_MAX) {
      throw new InputError(`${what}: the name '${name.slice(0, 20)}…' is ${Buffer.byteLength(name)} bytes; names can be at most ${NAME_MAX} bytes and sim adds up to ${SUFFIX_ROOM} for its own files, so use at most ${NAME_MAX - SUFFIX_ROOM}`);
    }
    const path = outputPath(dir, flag);
    return fsErrors(what, path, () => {
      checkReplaceable(path, dir, flag);
      const created = makeDirs(dirname(path));
      let lock: OutputLock;
      try {
        lock = OutputLock.acquire(join(dirname(path), `.${basename(path)}.lock`), what);
      } catch (e) {
        removeCreatedDirs(created);
        throw e;
      }
      const out = new OutputDir(dir, path, flag, opts.afterStep ?? (() => {}), lock, created);
      try {
        out.recover(lock.tookOverStale);
        // Checked again under the lock: another writer, or a recovery, may have changed it.
        checkReplaceable(path, dir, flag);
        // A directory we cannot create now, we could not create after a long run either.
        const probe = out.sibling(`tmp-${process.pid}`);
        mkdirSync(probe);
        removeQuietly(probe);
      } catch (e) {
        out.release();
        throw e;
      }
      return out;
    });
  }

  /**
   * Writes `files` (relative path -> content) as the new output and publishes it atomically;
   * then releases the lock. A failure before the new output is published leaves the output
   * as it was, and nothing else; once it is published, the commit has succeeded, and a
   * failure to delete the previous version only leaves it for the next writer to remove.
   */
  commit(files: ReadonlyMap<string, string>): void {
    if (!this.lock) throw new Error('OutputDir.commit after release');
    const what = `${this.flag} ${displayPath(this.dir)}`;
    const parent = dirname(this.path);
    const tmp = this.sibling(`tmp-${process.pid}`);
    let sealed: string | null = null;
    let previous: string | null = null;
    // A plain directory renamed aside and not yet behind the symlink: put back on failure.
    let aside: string | null = null;
    let published = false;
    try {
      fsErrors(what, this.path, () => {
        previous = this.currentVersion();
        if (previous === null && exists(this.path)) {
          // The first replacement of a plain directory (an earlier sim's output, or an empty
          // one): it becomes the first version and the symlink takes its place. Between the
          // two renames the path is missing; a writer killed there is recovered by the next.
          previous = `.${basename(this.path)}.v${this.nextGeneration()}`;
          aside = join(parent, previous);
          renameSync(this.path, aside);
          this.afterStep('migrated');
          this.pointAt(previous);
          aside = null;
          this.afterStep('migration-linked');
        }
        removeQuietly(tmp);
        mkdirSync(tmp);
        this.afterStep('tmp-created');
        const dirs = new Set<string>([tmp]);
        for (const [rel, content] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          const file = join(tmp, rel);
          if (relative(tmp, file).startsWith('..')) throw new Error(`output file '${rel}' is outside the output directory`);
          for (const d of makeDirs(dirname(file))) dirs.add(d);
          writeDurably(file, content);
          this.afterStep('file-written');
        }
        this.afterStep('files-written');
        for (const d of [...dirs].sort().reverse()) syncDir(d);
        this.afterStep('synced');
        const version = `.${basename(this.path)}.v${this.nextGeneration()}`;
        sealed = join(parent, version);
        renameSync(tmp, sealed);
        this.afterStep('sealed');
        if (!this.lock!.stillHeld()) throw new InputError(`${what} was taken over by another sim while this one ran; its output is kept, this one's is not`);
        this.pointAt(version, () => this.afterStep('linked'));
        published = true;
        syncDir(parent);
        this.afterStep('published');
        if (previous !== null) removeQuietly(join(parent, previous));
        this.afterStep('old-removed');
      });
    } catch (e) {
      if (!published) {
        removeQuietly(tmp);
        removeQuietly(this.sibling(`link-${process.pid}`));
        if (sealed !== null) removeQuietly(sealed);
        if (aside !== null && !exists(this.path)) renameSync(aside, this.path);
        throw e;
      }
      if (previous !== null) removeQuietly(join(parent, previous));
    } finally {
      this.committed = published;
      this.release();
    }
  }

  /** Gives up the lock; removes the parent directories open() created if nothing was written. */
  release(): void {
    if (!this.lock) return;
    this.lock.release();
    this.lock = null;
    if (!this.committed) removeCreatedDirs(this.created);
  }

  /** `.<name>.<suffix>` beside the output. */
  private sibling(suffix: string): string {
    return join(dirname(this.path), `.${basename(this.path)}.${suffix}`);
  }

  /** The version directory the output's symlink points to, or null if it is no symlink of ours. */
  private currentVersion(): string | null {
    let target: string;
    try {
      if (!lstatSync(this.path).isSymbolicLink()) return null;
      target = readlinkSync(this.path);
    } catch {
      return null;
    }
    return this.isVersion(target) ? target : null;
  }

  private isVersion(name: string): boolean {
    const prefix = `.${basename(this.path)}.v`;
    return name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length));
  }

  private generationOf(name: string): number {
    return Number(name.slice(`.${basename(this.path)}.v`.length));
  }

  /** One more than the highest version beside the output (versions never reuse a name). */
  private nextGeneration(): number {
    return 1 + Math.max(0, ...this.siblings().filter((n) => this.isVersion(n)).map((n) => this.generationOf(n)));
  }

  /** Names in the parent directory that belong to this output (`.<name>.*`). */
  private siblings(): string[] {
    const prefix = `.${basename(this.path)}.`;
    return readdirSync(dirname(this.path)).filter((n) => n.startsWith(prefix));
  }

  /**
   * Points the output path at `version` (a sibling's name): a new symlink, renamed over the
   * path, which rename(2) replaces atomically. `beforeSwap` runs between the two.
   */
  private pointAt(version: string, beforeSwap?: () => void): void {
    const link = this.sibling(`link-${process.pid}`);
    removeQuietly(link);
    symlinkSync(version, link);
    beforeSwap?.();
    renameSync(link, this.path);
  }

  /**
   * Removes what dead writers left beside the output (under the lock, no live writer has
   * anything there), after restoring the output if a writer died while the path was missing:
   * the newest sealed version, or an older sim's `.old-<pid>` directory. The resume cache of
   * an unfinished sweep (`.<name>.partial`) is not debris and stays.
   */
  private recover(tookOverStale: boolean): void {
    const parent = dirname(this.path);
    const names = this.siblings();
    const legacyOld = names.filter((n) => /\.old-\d+$/.test(n) && !pidAlive(Number(n.slice(n.lastIndexOf('-') + 1))));
    if (!exists(this.path)) {
      const versions = names.filter((n) => this.isVersion(n)).sort((a, b) => this.generationOf(b) - this.generationOf(a));
      // A stale lock means a writer died mid-commit; without one, the user removed the link.
      const restore = tookOverStale && versions[0] ? versions[0] : legacyOld[0];
      if (restore) {
        const version = this.isVersion(restore) ? restore : `.${basename(this.path)}.v${this.nextGeneration()}`;
        if (version !== restore) renameSync(join(parent, restore), join(parent, version));
        this.pointAt(version);
      }
    }
    const keep = this.currentVersion();
    for (const n of this.siblings()) {
      const debris =
        (this.isVersion(n) && n !== keep) ||
        /\.(tmp|link)-\d+$/.test(n) ||
        /\.lock\.(stale-)?\d+$/.test(n) ||
        (/\.old-\d+$/.test(n) && legacyOld.includes(n));
      if (debris && !ownedByLiveProcess(n)) removeQuietly(join(parent, n));
    }
  }
}

/** Where the output goes: the path, or where a symlink of the user's own points. */
function outputPath(dir: string, flag: string): string {
  if (dir.trim() === '') throw new InputError(`${flag} is empty; give a directory path`);
  let path = resolve(dir);
  const cwd = process.cwd();
  if (path === dirname(path)) throw new InputError(`${flag} ${displayPath(dir)} is the root directory; give a directory to create or replace`);
  try {
    if (lstatSync(path).isSymbolicLink()) {
      const target = readlinkSync(path);
      const ours = target === basename(target) && target.startsWith(`.${basename(path)}.v`);
      if (!ours) {
        try {
          path = realpathSync(path);
        } catch (e) {
          const why = isSystemError(e) && e.code === 'ELOOP' ? 'which leads back to itself' : 'which does not exist';
          throw new InputError(`${flag} ${displayPath(dir)} is a symbolic link to '${target}', ${why}; remove the link or create its target`);
        }
      }
    }
  } catch (e) {
    if (!isSystemError(e)) throw e;
    if (e.code !== 'ENOENT' && e.code !== 'ENOTDIR') throw new InputError(`${flag} ${displayPath(dir)}: ${fsInputError(e, 'cannot use').message}`);
  }
  if (path === cwd || cwd.startsWith(path + sep)) throw new InputError(`${flag} ${displayPath(dir)} is the current directory or contains it; give another directory (e.g. reports/my-run)`);
  return path;
}

/** Refuses a file, or a directory that is not sim's output, in the output's place. */
function checkReplaceable(path: string, dir: string, flag: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    if (isSystemError(e) && e.code === 'ENOENT') return;
    throw e;
  }
  if (!isDir) throw new InputError(`${flag} ${displayPath(dir)} is a file; give a directory path`);
  const entries = readdirSync(path);
  if (entries.length > 0 && !MARKERS.some((m) => entries.includes(m))) {
    throw new InputError(`${flag} ${displayPath(dir)} is a non-empty directory that is not a sim output; choose a new or empty directory`);
  }
}

/**
 * Runs fn; a system error becomes one line naming the output, the path and the cause. sim's
 * own files beside the output (the lock, temporaries) are named by their directory.
 */
function fsErrors<T>(what: string, outPath: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!isSystemError(e)) throw e;
    const parent = dirname(outPath);
    const own = e.path !== undefined && relative(parent, e.path).startsWith(`.${basename(outPath)}.`);
    const where = own ? `cannot write files in ${displayPath(parent)}` : e.path ? `cannot write ${displayPath(e.path)}` : 'cannot write';
    throw new InputError(`${what}: ${where}: ${fsCause(e)}`);
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function syncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems cannot sync a directory; the rename still orders the steps.
  } finally {
    closeSync(fd);
  }
}


/** A temporary name of a live process (one holding the lock cannot exist, but a racing reaper can). */
function ownedByLiveProcess(name: string): boolean {
  const m = /-(\d+)$/.exec(name) ?? /\.lock\.(\d+)$/.exec(name);
  return m !== null && Number(m[1]) !== process.pid && pidAlive(Number(m[1]));
}

/** Opens `dir`, writes `files` as its new content and publishes them: OutputDir.open + commit. */
export function writeOutDir(dir: string, files: ReadonlyMap<string, string>, flag = '--out'): void {
  OutputDir.open(dir, { flag }).commit(files);
}

/** Removes a file or directory tree if it is there; a failure leaves it for the next writer. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Debris at worst: the next writer removes it.
  }
}
