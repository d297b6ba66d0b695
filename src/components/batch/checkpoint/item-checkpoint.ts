import type { Checkpoint } from './checkpoint.ts';

/**
 * A checkpoint per item, written when the batch learns the item's outcome. It records what
 * the batch believes: an item whose downstream error was swallowed is recorded as done.
 */
export class ItemCheckpoint implements Checkpoint {
  private readonly done: Uint8Array;

  constructor(readonly items: number) {
    this.done = new Uint8Array(items);
  }

  isDone(item: number): boolean {
    return this.done[item] === 1;
  }

  markDone(item: number): void {
    this.done[item] = 1;
  }
}
