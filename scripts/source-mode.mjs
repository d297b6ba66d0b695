// Runs sim from its TypeScript sources (inside its repository, when dist/ is missing or stale):
// tsx compiles sim's .ts files as they load, and the `sim-source` export condition points every
// `import … from 'sim'` (examples, users' models) at src/index.ts, the same modules the CLI runs.
// Worker threads start without these hooks; src/sweep/worker-entry.mjs imports this module too.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
// Registered after tsx so that it runs first and tsx resolves with the condition added.
register('./source-condition-hook.mjs', import.meta.url);
