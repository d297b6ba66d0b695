import { InputError } from '../input-error.ts';

/** What each errno means for someone choosing an output path or fixing their disk. */
const CAUSES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted (an immutable or protected file?)',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'a file is in the way',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'it is a directory',
  ENAMETOOLONG: 'a name in the path is too long (at most 255 bytes each)',
  ENOENT: 'no such file or directory (or a special file system that allows none here)',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error on the device',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EBUSY: 'the file or device is busy',
  EXDEV: 'it is on another file system',
  ENOTEMPTY: 'the directory is not empty',
  EINVAL: 'the file system does not allow this (a special file system?)',
  ENOTSUP: 'the file system does not support this',
  EOPNOTSUPP: 'the file system does not support this',
};

/** An error from the operating system (it has an errno code such as ENOSPC). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((e as NodeJS.ErrnoException).code!);
}

/**
 * A file system error as one line naming what sim was doing, the path and the cause:
 * `cannot write reports/x: read-only file system (EROFS)`. Such errors are the
 * environment's, never a bug in sim, so they are bad input (exit code 2).
 */
export function fsInputError(e: NodeJS.ErrnoException & { code: string }, doing?: string): InputError {
  const verb = doing ?? (e.syscall && /open|write|mkdir|rename|symlink|unlink|rm|copy|link/.test(e.syscall) ? 'cannot write' : 'cannot read');
  const what = e.path ? `${verb} ${displayPath(e.path)}` : verb;
  return new InputError(`${what}: ${fsCause(e)}`);
}

/** `read-only file system (EROFS)`: the cause of a system error as people read it. */
export function fsCause(e: NodeJS.ErrnoException & { code: string }): string {
  const cause = CAUSES[e.code] ?? e.message.replace(/^[A-Z0-9]+: /, '').split(',')[0]!;
  return `${cause} (${e.code})`;
}

/** A path for a one-line message: a very long one keeps its start and its end. */
export function displayPath(path: string): string {
  return path.length > 100 ? `${path.slice(0, 48)}…${path.slice(-48)}` : path;
}

/** Runs `fn`; a system error it throws becomes the one-line InputError of fsInputError. */
export function withFsErrors<T>(fn: () => T, doing?: string): T {
  try {
    return fn();
  } catch (e) {
    if (isSystemError(e)) throw fsInputError(e, doing);
    throw e;
  }
}
