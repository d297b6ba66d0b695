/**
 * A one-line progress indicator on stderr for runs that take more than a second, shown only
 * when stderr is a terminal. Reads the wall clock, which is why it lives in the CLI.
 */
export function progressLine(label: string): { update: (fraction: number) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
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
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(fraction * 100)}% simulated, ${elapsed.toFixed(0)} s`);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}
