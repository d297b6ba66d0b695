import type { Checkpoint } from './checkpoint.ts';

/** No checkpoint: every run starts from the first item. */
export class NoCheckpoint implements Checkpoint {
  isDone(): boolean {
    return false;
  }
  markDone(): void {}
  readonly doneCount = 0;
}
