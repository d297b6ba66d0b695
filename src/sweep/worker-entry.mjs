// A sweep worker thread's entry point. Worker threads start without the parent's module
// hooks, so this registers tsx (as bin/sim.mjs does) before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./sweep-worker.ts');
