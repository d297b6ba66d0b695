// A module resolution hook (node:module register) that adds the `sim-source` export condition.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'sim-source'] });
}
