import { FreeList } from './free-list.ts';
import { grown } from './grow.ts';

/** Slot indices stay below this; an id packs generation * SLOT_LIMIT + slot. */
const SLOT_LIMIT = 2 ** 26;
/** Generations wrap here, far beyond any number of reuses a stale id could outlive. */
const GENERATION_LIMIT = 2 ** 26;

/**
 * A `FreeList` of row slots whose ids a stale event cannot confuse with a newer holder of the
 * same slot: an id packs the slot index with the slot's generation, which grows every time
 * the slot is freed. An event, reply or timer carries the whole id; `slotOf(id)` gives the
 * slot only while that id is still the slot's current holder (a late reply to a try the
 * client gave up on, or a timer for a request already answered, gets -1). The kernel's event
 * handles and the job store's handles use the same packing. Ids stay below 2^52, exact in a
 * float64 event argument.
 *
 * The owner keeps its own columns (typed arrays indexed by slot) and grows them in `onGrow`,
 * called with the new capacity before a slot beyond the old one is handed out.
 */
export class GenerationSlots {
  private gens: Uint32Array;
  private readonly slots: FreeList;

  constructor(initialCapacity: number, onGrow: (capacity: number) => void = () => {}) {
    const n = Math.max(4, initialCapacity);
    this.gens = new Uint32Array(n);
    this.slots = new FreeList(n, (m) => {
      if (m > SLOT_LIMIT) throw new Error(`more than ${SLOT_LIMIT} slots held at once`);
      this.gens = grown(this.gens, m);
      onGrow(m);
    });
  }

  /** Slots the owner's columns must hold. */
  get capacity(): number {
    return this.slots.capacity;
  }

  /** Slots held now. */
  get live(): number {
    return this.slots.live;
  }

  /** Takes a slot; its id is `idOf(slot)` until it is freed. */
  alloc(): number {
    return this.slots.alloc();
  }

  /** Returns a slot; every id it had goes stale. */
  release(slot: number): void {
    this.gens[slot] = (this.gens[slot]! + 1) % GENERATION_LIMIT;
    this.slots.release(slot);
  }

  idOf(slot: number): number {
    return this.gens[slot]! * SLOT_LIMIT + slot;
  }

  /** The slot an id names while it is current, else -1 (freed, reused, or never issued). */
  slotOf(id: number): number {
    if (!(id >= 0)) return -1;
    const slot = id % SLOT_LIMIT;
    if (slot >= this.slots.used || this.gens[slot]! * SLOT_LIMIT + slot !== id) return -1;
    return slot;
  }
}
