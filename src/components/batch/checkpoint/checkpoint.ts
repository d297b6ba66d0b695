/**
 * Where a batch records the items it has finished, so that a re-run resumes instead of
 * starting over. Items are indexes 0..n-1 of the batch.
 */
export interface Checkpoint {
  /** True if an earlier run recorded the item as finished. */
  isDone(item: number): boolean;
  /** Records the item as finished (processed, or skipped and reported). */
  markDone(item: number): void;
  /** Items recorded so far. */
  readonly doneCount: number;
}
