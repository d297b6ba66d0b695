import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `import … from 'sim'` (examples, users' models run in tests) resolves to src/index.ts through
  // the package's `sim-source` export condition, so tests never run a stale dist/. The rest are
  // Vite's default server conditions, which setting the list replaces.
  ssr: { resolve: { conditions: ['sim-source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One test file per core (vitest's default leaves one core out): many files wait on child
    // processes (the CLI, npm, chromium), so on 2 cores this took the suite from 248 s to 167 s.
    maxWorkers: availableParallelism(),
  },
});
