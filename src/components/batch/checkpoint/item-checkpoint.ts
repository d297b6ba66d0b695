import type { Checkpoint } from './checkpoint.ts';

/**
 * A checkpoint per item, written when the batch learns the item's outcome: the item's own
 * state, as a workflow records that a user has moved on.
 */
export class ItemCheckpoint implements Checkpoint {
  private readonly done: Uint8Array;
  doneCount = 0;

  constructor(readonly items: number) {
    this.done = new Uint8Array(items);
  }

  isDone(item: number): boolean {
    return this.done[item] === 1;
  }

  markDone(item: number): void {
    if (this.done[item] === 1) return;
    this.done[item] = 1;
    this.doneCount++;
  }
}
