import { closeSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../input-error.ts';
import { fsInputError, isSystemError } from './fs-error.ts';
import { makeDirs, removeCreatedDirs } from './make-dirs.ts';
import { pidAlive } from './pid-alive.ts';

/**
 * Writes a file whole or not at all: to `<file>.tmp-<pid>` first, flushed, then renamed over
 * the file. A failure (a full disk) leaves the old file as it was and no temporary behind;
 * errors of the file system are one-line InputErrors naming `flag` and the path.
 */
export function writeFileAtomic(file: string, text: string, flag: string): void {
  const abs = resolve(file);
  const tmp = `${abs}.tmp-${process.pid}`;
  try {
    makeDirs(dirname(abs));
    removeDeadTemporaries(abs);
    writeDurably(tmp, text, 'w');
    renameSync(tmp, abs);
  } catch (e) {
    removeQuietly(tmp);
    if (isSystemError(e)) throw new InputError(`${flag} ${file}: ${fsInputError(e, 'cannot write').message}`);
    throw e;
  }
}

/**
 * Writes a file and flushes it to the disk, so that a rename that publishes it survives a
 * crash of the machine too. A write error (which names no path of its own) gets the file's.
 */
export function writeDurably(file: string, text: string, flags: 'w' | 'wx' = 'wx'): void {
  const fd = openSync(file, flags);
  try {
    const data = Buffer.from(text);
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } catch (e) {
    if (isSystemError(e) && e.path === undefined) e.path = file;
    throw e;
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks, before a long run, that writeFileAtomic could write `file`: not a directory, its
 * folder creatable, a file creatable in it. Leaves nothing behind.
 */
export function checkFileWritable(file: string, flag: string): void {
  const abs = resolve(file);
  let created: string[] = [];
  const probe = `${abs}.tmp-${process.pid}`;
  try {
    try {
      if (statSync(abs).isDirectory()) throw new InputError(`${flag} ${file} is a directory; give a file path`);
    } catch (e) {
      if (!isSystemError(e) || e.code !== 'ENOENT') throw e;
    }
    created = makeDirs(dirname(abs));
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (e) {
    removeQuietly(probe);
    if (isSystemError(e)) throw new InputError(`${flag} ${file}: ${fsInputError(e, 'cannot write').message}`);
    throw e;
  } finally {
    removeCreatedDirs(created);
  }
}

/** Removes `<file>.tmp-<pid>` files of processes that died while writing `file` (kill -9). */
function removeDeadTemporaries(abs: string): void {
  const prefix = `${basename(abs)}.tmp-`;
  for (const name of readdirSync(dirname(abs))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid !== process.pid && !pidAlive(pid)) removeQuietly(join(dirname(abs), name));
  }
}


/** Removes a temporary file if it is there; a path that cannot hold one (ENOTDIR) has none. */
function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Not there.
  }
}
