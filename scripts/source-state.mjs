// Whether dist/ was compiled from the sources as they are now. The build records a fingerprint
// of everything it compiles from (every file under src/ and models/, and the build's own
// configuration); bin/sim.mjs compares it with the sources' fingerprint before it trusts dist/.
// Hashing contents (about 1 MB) takes ~10 ms here, and unlike modification times it is not
// fooled by a checkout, a copy that keeps times, or a touch.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The fingerprint of the sources a build compiled, written by the build after it succeeds. */
export const STAMP = join(ROOT, 'dist', '.sources');

const INPUTS = ['src', 'models', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];

function files(path) {
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch (e) {
    if (e.code === 'ENOTDIR') return [path];
    if (e.code === 'ENOENT') return [];
    throw e;
  }
  return entries.flatMap((e) => files(join(path, e.name)));
}

/** A hash of every input's path and bytes, in a fixed order. */
export function sourceFingerprint() {
  const h = createHash('sha256');
  const all = INPUTS.flatMap((p) => files(join(ROOT, p))).map((f) => relative(ROOT, f).split('\\').join('/'));
  for (const f of all.sort()) {
    h.update(`\0${f}\0`);
    h.update(readFileSync(join(ROOT, f)));
  }
  return h.digest('hex');
}

/** The fingerprint the last successful build recorded, or null if there is none. */
export function builtFingerprint() {
  try {
    return readFileSync(STAMP, 'utf8').trim();
  } catch {
    return null;
  }
}

/** True when dist/ holds a complete build of the current sources. */
export function distIsCurrent() {
  return builtFingerprint() === sourceFingerprint();
}
