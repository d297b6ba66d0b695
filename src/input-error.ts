/**
 * Bad input from a user: a flag, a model parameter, an experiment or check file. The CLI
 * prints its message as one line (`sim: <message>`) and exits with code 2; nothing else
 * about it is shown, never a stack trace.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * True for an InputError, also one from another copy of this module: a user's model that
 * imports sim's sources while the CLI runs compiled (or the reverse) has classes of its own.
 */
export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError || (e instanceof Error && e.name === 'InputError');
}
