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

export function processIo(): CliIo {
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
