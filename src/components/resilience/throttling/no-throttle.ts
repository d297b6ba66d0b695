import type { ClientThrottle } from './client-throttle.ts';

/** The do-nothing default: every try goes out. */
export class NoThrottle implements ClientThrottle {
  allows(): boolean {
    return true;
  }

  recordAccept(): void {}
}
