// A sweep worker thread's entry point when sim runs from its TypeScript sources. Worker threads
// start without the parent's module hooks, so this registers them (as bin/sim.mjs does) before
// loading the TypeScript worker. Compiled sim starts workers on sweep-worker.js directly.
await import('../../scripts/source-mode.mjs');
await import('./sweep-worker.ts');
