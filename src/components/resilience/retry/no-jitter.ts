import type { Jitter } from './jitter.ts';

/** The backoff's delay exactly; draws no random numbers. */
export class NoJitter implements Jitter {
  apply(delayS: number): number {
    return delayS;
  }
}
