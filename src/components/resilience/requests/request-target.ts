/**
 * How a request ended, as the sender hears it. Numbers, not strings, so replies allocate
 * nothing.
 */
export const Outcome = {
  /** Served. */
  ok: 0,
  /** Refused at once with no work done: a rate limit (429), a concurrency limit or a full queue (503). */
  rejected: 1,
  /** Dropped after waiting in a queue: shed for its age, by CoDel, or by a full LIFO queue. */
  shed: 2,
  /** Failed by the service. */
  error: 3,
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** Whoever sends requests; `token` tells its requests apart. */
export interface ReplyListener {
  /**
   * The answer to the request sent with `token`, exactly once per request that was not
   * cancelled. It may come before `send` returns (a limiter refusing at once).
   */
  reply(token: number, outcome: Outcome): void;
}

/** Returned by `send` when there is nothing to cancel (the request was refused at once). */
export const NO_REQUEST = -1;

/**
 * Anything that answers requests: a service, or a filter in front of one (a rate limiter, a
 * concurrency limiter) that refuses some and passes the rest on. Filters compose:
 * `new RateLimiter(env, { to: new ConcurrencyLimiter(env, { to: service }) })`.
 */
export interface RequestTarget {
  /**
   * Sends a request; `from.reply(token, outcome)` follows. Returns a handle for `cancel`
   * (generation-checked: a handle whose request has ended cancels nothing).
   */
  send(from: ReplyListener, token: number): number;
  /**
   * Withdraws a request (the sender gave up and cancels its work): no reply will come, and
   * the service stops the work or drops it from its queue. False if it had already ended.
   */
  cancel(handle: number): boolean;
}
