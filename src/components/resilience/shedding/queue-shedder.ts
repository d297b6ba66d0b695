/**
 * Load shedding at a service's queue: which requests may wait, and which that waited are
 * dropped rather than served. A service asks `admits` when a request must queue (no worker
 * free) and `drops` when a worker takes a request from the queue; a dropped request is
 * answered `Outcome.shed` at no cost in work. Dropping at the head costs nothing, which is
 * why it ends the overload that retries sustain: work the caller gave up on is never done.
 */
export interface QueueShedder {
  /** Room for one more waiting request, with `queueLength` already waiting? */
  admits(queueLength: number): boolean;
  /**
   * Drop this request instead of serving it?
   * @param sojournS how long it waited, seconds.
   * @param nowS the current time, seconds.
   * @param lastEmptyS when the queue was last empty, seconds (the current time while it is).
   */
  drops(sojournS: number, nowS: number, lastEmptyS: number): boolean;
}
