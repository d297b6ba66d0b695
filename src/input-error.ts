/**
 * Bad input from a user: a flag, a model parameter, an experiment or check file. The CLI
 * prints its message as one line (`sim: <message>`) and exits with code 2; nothing else
 * about it is shown, never a stack trace.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}
