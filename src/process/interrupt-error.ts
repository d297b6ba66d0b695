/**
 * Thrown into a process at its wait by `interrupt(process, cause)`. A process may catch it
 * (a worker told to stop early); one that does not simply ends, with `interrupted` set.
 */
export class Interrupt extends Error {
  override readonly name = 'Interrupt';

  constructor(override readonly cause: unknown) {
    super(`process interrupted${cause === undefined ? '' : `: ${String(cause)}`}`);
  }
}
