import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { InputError } from '../input-error.ts';
import { pidAlive } from './pid-alive.ts';

/** Who holds a lock: enough to tell, later, whether that process is still alive. */
interface Holder {
  readonly pid: number;
  readonly host: string;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not taken for it. */
  readonly start: string;
  readonly nonce: string;
}

const held = new Set<OutputLock>();
let exitHook = false;

/**
 * An exclusive lock on one output path: a file created with O_EXCL beside it, naming the
 * process that holds it. A lock whose process has died (kill -9, a crash, a lost machine
 * aside) is stale: the next writer takes it over. A lock held by a live process, or by a
 * process on another host (whose liveness cannot be seen from here), refuses the writer.
 */
export class OutputLock {
  private released = false;

  private constructor(
    readonly path: string,
    private readonly content: string,
    /** The lock was taken over from a dead writer, whose output may need recovering. */
    readonly tookOverStale: boolean,
  ) {}

  /** Takes the lock or throws an InputError naming the holder; `what` names the output for messages. */
  static acquire(path: string, what: string): OutputLock {
    const me: Holder = { pid: process.pid, host: hostname(), start: startTime(process.pid), nonce: randomUUID() };
    const content = `${JSON.stringify(me)}\n`;
    let stale = false;
    // The lock appears with its content in one step (a hard link to a file written first),
    // so nobody ever reads a half-written lock and takes it for a dead writer's.
    const mine = `${path}.${process.pid}`;
    writeFileSync(mine, content);
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          linkSync(mine, path);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
          const current = readOrNull(path);
          if (current === null) continue; // released meanwhile: try again
          const holder = parseHolder(current);
          if (holder && isAlive(holder)) throw busy(what, holder, path);
          // Stale: move it aside under a name of our own, and make sure it was the stale one.
          const aside = `${path}.stale-${process.pid}`;
          try {
            renameSync(path, aside);
          } catch (e2) {
            if ((e2 as NodeJS.ErrnoException).code === 'ENOENT') continue;
            throw e2;
          }
          const moved = readOrNull(aside);
          if (moved !== current) {
            // A live writer took the lock between our read and our rename: give it back.
            try {
              linkSync(aside, path);
            } catch {
              // A third writer holds it now; the one we displaced finds out before publishing.
            }
            unlinkQuiet(aside);
            throw busy(what, moved === null ? null : parseHolder(moved), path);
          }
          unlinkQuiet(aside);
          stale = true;
          continue;
        }
        return OutputLock.hold(path, content, stale);
      }
    } finally {
      unlinkQuiet(mine);
    }
    throw new InputError(`${what} is being locked and unlocked by other sim processes as we try; try again`);
  }

  private static hold(path: string, content: string, stale: boolean): OutputLock {
    const lock = new OutputLock(path, content, stale);
    held.add(lock);
    if (!exitHook) {
      exitHook = true;
      // process.exit() skips finally blocks; a lock must not outlive its process needlessly.
      process.on('exit', () => {
        for (const l of held) l.release();
      });
    }
    return lock;
  }

  /** True while the lock file is still this process's (a displaced writer must not publish). */
  stillHeld(): boolean {
    return !this.released && readOrNull(this.path) === this.content;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this);
    if (readOrNull(this.path) === this.content) unlinkQuiet(this.path);
  }
}

function busy(what: string, holder: Holder | null, path: string): InputError {
  if (!holder) return new InputError(`${what} is being written by another sim process; wait for it to finish, or choose another output`);
  const where = holder.host === hostname() ? '' : ` on host ${holder.host}`;
  const stale = holder.host === hostname() ? '' : ` (if that process is gone, delete ${path})`;
  return new InputError(`${what} is being written by another sim (pid ${holder.pid}${where}); wait for it to finish, or choose another output${stale}`);
}

function parseHolder(text: string): Holder | null {
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.start === 'string') return h as Holder;
  } catch {
    // A lock cut short by a kill while it was being written: nobody holds it.
  }
  return null;
}

/** Whether a lock's holder still runs; a holder on another host is assumed to. */
function isAlive(h: Holder): boolean {
  if (h.host !== hostname()) return true;
  // A running pid is the holder only if it started when the holder did (pids are reused).
  return pidAlive(h.pid) && (h.start === '' || startTime(h.pid) === h.start);
}

/** Field 22 of /proc/<pid>/stat (start time since boot), or '' where there is no /proc. */
function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
