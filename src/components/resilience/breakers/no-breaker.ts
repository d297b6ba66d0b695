import type { Breaker } from './breaker.ts';

/** The do-nothing default: every attempt may start, outcomes are ignored. */
export class NoBreaker implements Breaker {
  allow(): boolean {
    return true;
  }
  onSuccess(): void {}
  onFailure(): void {}
}
