/**
 * How many requests a `ConcurrencyLimiter` lets in at once, and how that number learns from
 * what it sees: one sample per request that ends.
 */
export interface ConcurrencyLimit {
  /** Requests allowed in flight now (the limiter admits while in flight < floor(limit)). */
  readonly limit: number;
  /**
   * @param rttS the request's time from admission to its end, seconds.
   * @param inFlight requests in flight when it was admitted (itself included).
   * @param dropped it ended badly: refused or shed downstream, or abandoned by its caller.
   * @param nowS the current time, seconds.
   */
  onSample(rttS: number, inFlight: number, dropped: boolean, nowS: number): void;
}
