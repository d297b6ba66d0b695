/**
 * The deterministic shape of retry delays before jitter: the wait before retry number
 * `retry` (1-based), in seconds.
 */
export interface Backoff {
  /** The first delay, seconds; decorrelated jitter's lower bound. */
  readonly baseS: number;
  /** No delay exceeds this, seconds (Infinity when uncapped). */
  readonly capS: number;
  delayS(retry: number): number;
}
