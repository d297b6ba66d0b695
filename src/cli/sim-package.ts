import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-layout.ts';

export interface SimPackage {
  readonly version: string;
  /** The TypeScript version range sim itself is built with, for projects `sim init` creates. */
  readonly typescript: string;
}

/** What sim's own package.json says about it. */
export function simPackage(): SimPackage {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies?: Record<string, string> };
  return { version: pkg.version, typescript: pkg.devDependencies?.typescript ?? 'latest' };
}
