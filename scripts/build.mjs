// Builds the package's JavaScript: `tsc -p tsconfig.build.json` compiles src/ and models/ into
// dist/ (ES modules + declarations, one file per source file), then records the sources'
// fingerprint in dist/.sources. `npm ci` runs it (the `prepare` script), `npm test` runs it with
// --if-stale, which does nothing when dist/ already matches the sources.
//
// The new build is written beside dist/ and swapped in when complete, so a failed build leaves
// the previous one in place (and bin/sim.mjs, seeing that it does not match the sources, runs
// them through tsx instead).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtFingerprint, ROOT, sourceFingerprint } from './source-state.mjs';

const ifStale = process.argv.includes('--if-stale');
// Taken before compiling, so that a source edited during the build makes the result stale.
const fingerprint = sourceFingerprint();
if (ifStale && builtFingerprint() === fingerprint) process.exit(0);

const dist = join(ROOT, 'dist');
const tmp = join(ROOT, `dist.tmp-${process.pid}`);
const old = join(ROOT, `dist.old-${process.pid}`);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const t0 = performance.now();
const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', tmp], { stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`build: tsc failed (exit ${r.status ?? r.signal}); dist/ left as it was\n`);
  process.exit(1);
}
rewriteDeclarationSpecifiers(tmp);
await writeModelIndex(join(tmp, 'models'));
writeFileSync(join(tmp, '.sources'), `${fingerprint}\n`);
try {
  renameSync(dist, old);
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}
renameSync(tmp, dist);
rmSync(old, { recursive: true, force: true });
process.stdout.write(`built dist/ in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

/**
 * tsc rewrites `./x.ts` to `./x.js` in the JavaScript it emits but leaves declarations as
 * written (microsoft/TypeScript#61037). TypeScript itself reads either, but editors and other
 * tools look for `./x.js` beside `./x.d.ts`, so declarations get the same rewrite.
 */
function rewriteDeclarationSpecifiers(dir) {
  const SPEC = /(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.\.?\/[^'"]*?)\.(m?)ts\2/g;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) rewriteDeclarationSpecifiers(p);
    else if (name.endsWith('.d.ts')) {
      const text = readFileSync(p, 'utf8');
      const rewritten = text.replace(SPEC, '$1$2$3.$4js$2');
      if (rewritten !== text) writeFileSync(p, rewritten);
    }
  }
}

/**
 * dist/models/index.json: each built-in model's name and summary, so that `sim list` (and
 * `sim run` without a model) print the table without loading every model and the engine
 * (about half of list's start-up). Written from the compiled models themselves, in the same
 * build, so it cannot disagree with them.
 */
async function writeModelIndex(modelsDir) {
  const index = [];
  for (const f of readdirSync(modelsDir).filter((n) => n.endsWith('.js')).sort()) {
    const model = (await import(pathToFileURL(join(modelsDir, f)).href)).default;
    index.push({ name: model.name, summary: model.summary });
  }
  writeFileSync(join(modelsDir, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);
}
