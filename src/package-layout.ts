import { fileURLToPath } from 'node:url';

/**
 * Where sim's own files are. sim runs either compiled (dist/src/…/*.js, as installed) or, inside
 * its repository, from its TypeScript sources (src/…/*.ts through tsx or vitest); this module's
 * own URL tells which.
 */
export const COMPILED = !/\.[cm]?ts$/.test(import.meta.url);

/** The extension of sim's own modules and built-in models: `.js` compiled, `.ts` from sources. */
export const OWN_EXTENSION = COMPILED ? '.js' : '.ts';

/** The package's root folder (the one holding package.json). */
export const PACKAGE_ROOT = fileURLToPath(new URL(COMPILED ? '../../' : '../', import.meta.url));

/** The folder of the built-in models: dist/models compiled, models/ from sources. */
export const MODELS_DIR = fileURLToPath(new URL('../models/', import.meta.url));
