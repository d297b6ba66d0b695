import { argumentError } from '../model-location.ts';

/** Options of a wait that can give up. */
export interface WaitOptions {
  /** Give up after this many seconds; 0 gives up at once if the wait cannot end now. @default Infinity */
  readonly timeoutS?: number;
}

/** Options of a wait for a resource. */
export interface QueueOptions extends WaitOptions {
  /** Position among waiters of a `priority` resource: lower is served first. @default 0 */
  readonly priority?: number;
}

export function timeoutOf(o: WaitOptions | undefined, what: string): number {
  const t = o?.timeoutS ?? Infinity;
  if (!(t >= 0)) throw argumentError(`${what}: timeoutS must be >= 0 seconds (or Infinity), got ${t}`);
  return t;
}

export function priorityOf(o: QueueOptions | undefined, what: string): number {
  const p = o?.priority ?? 0;
  if (!Number.isFinite(p)) throw argumentError(`${what}: priority must be a finite number, got ${p}`);
  return p;
}
