#!/usr/bin/env -S node --no-concurrent-recompilation
// sim's command: runs the compiled CLI in dist/.
//
// V8 optimises hot functions on a background thread by default, and which of the engine's
// functions are already optimised when their callers are compiled then depends on thread
// timing: what the per-event paths inline, and so what they allocate (2 to 60 bytes per
// customer of the same run) and how fast they are, changed from one process to the next.
// Optimising in line (--no-concurrent-recompilation) makes those decisions the same in every
// process. (docs/performance.md has the figures.)
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node >= 22.1 keeps V8's compiled code for loaded modules between runs (vega is most of what
// sim compiles at start-up); on older Node this is absent and nothing changes.
module.enableCompileCache?.();

const fromSources = existsSync(new URL('../src/cli/main.ts', import.meta.url)) && !(await import('../scripts/source-state.mjs')).distIsCurrent();
if (fromSources) {
  if (process.stderr.isTTY) process.stderr.write('sim: dist/ does not match src/, so running from sources (npm run build makes start-up fast)\n');
  await import('../scripts/source-mode.mjs');
  await import('../src/cli/main.ts');
} else {
  await import('../dist/src/cli/main.js');
}
