#!/usr/bin/env -S node --no-concurrent-recompilation
// sim's command: runs the compiled CLI in dist/.
//
// V8 optimises hot functions on a background thread by default, and which of the engine's
// functions are already optimised when their callers are compiled then depends on thread
// timing: the same run came out anywhere from 3 to 5 million customers per CPU-second, and
// from 2 to 60 bytes allocated per customer, from one process to the next. Optimising in
// line (--no-concurrent-recompilation) makes those decisions the same in every process:
// the engine's speed repeats as its output does. (docs/performance.md has the figures.)
//
// Inside sim's own repository (where src/ exists) it first checks that dist/ was built from the
// sources as they are now (scripts/source-state.mjs). If not (an edit since the last build, or
// no build at all) it runs the sources through tsx instead: slower to start, never stale.
// `npm run build` (or `npm test`) brings dist/ up to date again.
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
