import { randomInt } from 'node:crypto';
import fc from 'fast-check';

/**
 * The seed of this run's property tests: a fresh one each run, so every run tries new cases;
 * SIM_PROPERTY_SEED=<seed> replays a run (a failure prints the command).
 */
export const PROPERTY_SEED = process.env.SIM_PROPERTY_SEED !== undefined ? Number(process.env.SIM_PROPERTY_SEED) : randomInt(2 ** 31 - 1);

/** fc.assert with this run's seed; a failure names the seed and how to replay it. */
export function checkProperty<Ts>(property: fc.IProperty<Ts>, params: Omit<fc.Parameters<Ts>, 'seed'> = {}): void {
  try {
    fc.assert(property, { ...params, seed: PROPERTY_SEED });
  } catch (e) {
    throw withReplay(e);
  }
}

/** checkProperty for an async property. */
export async function checkAsyncProperty<Ts>(property: fc.IAsyncProperty<Ts>, params: Omit<fc.Parameters<Ts>, 'seed'> = {}): Promise<void> {
  try {
    await fc.assert(property, { ...params, seed: PROPERTY_SEED });
  } catch (e) {
    throw withReplay(e);
  }
}

function withReplay(e: unknown): unknown {
  if (e instanceof Error) e.message = `${e.message}\n\nproperty seed ${PROPERTY_SEED}: replay with SIM_PROPERTY_SEED=${PROPERTY_SEED} npx vitest run <this file>`;
  return e;
}
