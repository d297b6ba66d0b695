import { InputError } from '../input-error.ts';

/**
 * A mistake in a model's own code found while it runs: a process that yields something that
 * is not a command, a negative hold, a command run outside a process. It is bad input, so
 * the CLI prints one line and exits 2; the message starts with the model file and line.
 */
export class ModelError extends InputError {}
