import { InputError } from '../../input-error.ts';
import { readScheduleFile } from './schedule-file.ts';

/** A schedule parameter's value: `none`, or a schedule file's path, read at once so a bad file fails before anything runs. */
export function parseScheduleParam(raw: string, what: string): string {
  const path = raw.trim();
  if (path === 'none' || path === '') return 'none';
  try {
    readScheduleFile(path);
  } catch (e) {
    throw e instanceof InputError ? new InputError(`${what}: ${e.message}`) : e;
  }
  return path;
}
