import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where one CLI invocation writes and what it reads of its environment. The real process
 * uses its stdout, stderr and environment; tests run the CLI in-process with their own, so
 * a hundred bad inputs cost milliseconds each instead of a Node start-up each.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Progress bars and lines only when stderr is a terminal. */
  readonly stderrIsTTY: boolean;
  /** Set by a command that ends with a verdict (1: a check failed); 0 unless set. */
  exitCode: number;
}

let pipeWatched = false;

export function processIo(): CliIo {
  if (!pipeWatched) {
    pipeWatched = true;
    // A reader that closed the pipe (`sim list | head -1`) wants no more: stop quietly.
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
        throw e;
      });
    }
  }
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    stderrIsTTY: process.stderr.isTTY === true,
    exitCode: 0,
  };
}

const current = new AsyncLocalStorage<CliIo>();
let fallback: CliIo | undefined;

/** The io of the invocation this code runs in (the process's own outside runCli). */
export function cliIo(): CliIo {
  return current.getStore() ?? (fallback ??= processIo());
}

/** Runs `fn` with `io` as the invocation's io, including everything it awaits. */
export function withCliIo<T>(io: CliIo, fn: () => Promise<T>): Promise<T> {
  return current.run(io, fn);
}
