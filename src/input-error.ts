// Marks an InputError whichever copy of sim made it: a user's model may import sim from
// another installed copy (or, in this repository, from the sources while the CLI runs dist/),
// and its mistakes must still read as bad input, not as a bug in sim.
const BRAND = Symbol.for('sim.InputError');

/**
 * Bad input from a user: a flag, a model parameter, an experiment or check file. The CLI
 * prints its message as one line (`sim: <message>`) and exits with code 2; nothing else
 * about it is shown, never a stack trace.
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
  readonly [BRAND] = true;

  /** `e instanceof InputError` holds for an InputError from any copy of sim. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    if (this !== InputError) return Function.prototype[Symbol.hasInstance].call(this, x);
    return typeof x === 'object' && x !== null && (x as { [BRAND]?: unknown })[BRAND] === true;
  }
}
