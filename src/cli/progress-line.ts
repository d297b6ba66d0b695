import type { CliIo } from './cli-io.ts';

/**
 * A one-line progress indicator on stderr for runs that take more than a second, shown only
 * when stderr is a terminal. Reads the wall clock, which is why it lives in the CLI.
 */
export function progressLine(label: string, io: CliIo): { update: (fraction: number) => void; done: () => void } {
  const tty = io.stderrIsTTY;
  const start = performance.now();
  let shown = false;
  return {
    update(fraction: number) {
      if (!tty) return;
      const elapsed = (performance.now() - start) / 1000;
      if (elapsed < 1) return;
      shown = true;
      const width = 30;
      const filled = Math.round(fraction * width);
      io.err(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(fraction * 100)}% simulated, ${elapsed.toFixed(0)} s`);
    },
    done() {
      if (shown) io.err('\r\x1b[K');
    },
  };
}
