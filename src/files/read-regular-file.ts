import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { withFsErrors } from './fs-error.ts';
import { InputError } from '../input-error.ts';

/**
 * Reads a file sim wrote itself and reads back (a shard, a resume cache, a baseline) as
 * UTF-8. Anything but a regular file is refused before a byte is read, with the one line
 * `notRegular(kind)` returns (kind: 'a directory', 'a named pipe', ...): a named pipe with no
 * writer would block sim forever, a device could never end. The file is opened without
 * blocking and checked through its descriptor, so what is checked is what is read. Other
 * file system errors are one line naming the path (`doing` as for withFsErrors).
 */
export function readRegularFile(path: string, notRegular: (kind: string) => string, doing?: string): string {
  return withFsErrors(() => {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw new InputError(notRegular(kindOf(st)));
      return readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  }, doing);
}

/** What a file that is not a regular one is, for a message. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'a special file';
}
