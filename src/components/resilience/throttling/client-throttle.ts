/**
 * A client's own guard against overloading its backend: consulted before every try (first
 * tries, retries and hedges alike), told of every try the backend accepted.
 */
export interface ClientThrottle {
  /** May a try go out now? Counts it as a request; false rejects it locally, costing the backend nothing. */
  allows(nowS: number): boolean;
  /** The backend accepted a try (answered it rather than refusing, shedding it or letting it time out). */
  recordAccept(nowS: number): void;
}
