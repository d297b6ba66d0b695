import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT, tempDir } from './helpers/cli.ts';
import { exec } from './helpers/installed-package.ts';

// bin/sim.mjs runs the compiled dist/ only when it was built from the sources as they are;
// otherwise (an edit since, or no build) it runs the sources, so an edit is never silently
// ignored. Tried on a copy of bin/ and scripts/ with a stand-in CLI that says where it ran from.
test('bin/sim.mjs runs dist/ only while it matches src/, and always in an installed copy', async () => {
  const root = tempDir('sim-bin-');
  cpSync(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'scripts'), join(root, 'scripts'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  mkdirSync(join(root, 'models'));
  mkdirSync(join(root, 'dist', 'src', 'cli'), { recursive: true });
  const main = join(root, 'src', 'cli', 'main.ts');
  writeFileSync(main, "const from: string = 'sources';\nconsole.log(from);\n");
  writeFileSync(join(root, 'dist', 'src', 'cli', 'main.js'), "console.log('dist');\n");
  const from = () => exec(process.execPath, [join(root, 'bin', 'sim.mjs')], root).stdout.trim();

  expect(from()).toBe('sources'); // never built
  const { sourceFingerprint, STAMP } = (await import(join(root, 'scripts', 'source-state.mjs'))) as { sourceFingerprint: () => string; STAMP: string };
  writeFileSync(STAMP, `${sourceFingerprint()}\n`);
  expect(from()).toBe('dist'); // built from these sources
  writeFileSync(main, "const from: string = 'edited sources';\nconsole.log(from);\n");
  expect(from()).toBe('edited sources'); // edited since
  writeFileSync(STAMP, `${sourceFingerprint()}\n`);
  writeFileSync(join(root, 'models', 'new-model.ts'), 'export {};\n');
  expect(from()).toBe('edited sources'); // a file added since
  exec('rm', ['-r', join(root, 'src')], root);
  expect(from()).toBe('dist'); // an installed copy has no sources
});
