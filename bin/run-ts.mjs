#!/usr/bin/env node
// Runs a TypeScript file under tsx: `node bin/run-ts.mjs bench/bench.ts [args]`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bin/run-ts.mjs FILE.ts [args]\n');
  process.exit(2);
}
register();
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(file)).href);
