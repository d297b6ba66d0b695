import type { Rng } from '../../../kernel/rng.ts';
import type { Backoff } from './backoff.ts';

/**
 * Spreads retry delays so that clients that failed together do not retry together.
 * Formulas from "Exponential Backoff And Jitter", M. Brooker, AWS Architecture Blog (2015).
 */
export interface Jitter {
  /**
   * @param delayS the backoff's delay for this retry, seconds.
   * @param prevDelayS the delay actually used before the previous retry (0 if none).
   * @param backoff the backoff, for its base and cap.
   */
  apply(delayS: number, prevDelayS: number, backoff: Backoff, rng: Rng): number;
}
