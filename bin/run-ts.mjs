#!/usr/bin/env node
// Runs a TypeScript file of this repository from sources: `node bin/run-ts.mjs bench/bench.ts [args]`.
// Registers tsx and the `sim-source` condition (scripts/source-mode.mjs), so `sim` is src/index.ts.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bin/run-ts.mjs FILE.ts [args]\n');
  process.exit(2);
}
await import('../scripts/source-mode.mjs');
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(file)).href);
