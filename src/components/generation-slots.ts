/** Slot indices stay below this; an id packs generation * SLOT_LIMIT + slot. */
const SLOT_LIMIT = 2 ** 26;
/** Generations wrap here, far beyond any number of reuses a stale id could outlive. */
const GENERATION_LIMIT = 2 ** 26;

/**
 * A free list of row slots whose ids a stale event cannot confuse with a newer holder of
 * the same slot: an id packs the slot index with the slot's generation, which grows every
 * time the slot is freed. An event, reply or timer carries the whole id; `slotOf(id)` gives
 * the slot only while that id is still the slot's current holder (a late reply to a try the
 * client gave up on, or a timer for a request already answered, gets -1). The kernel's event
 * handles use the same packing. Ids stay below 2^52, exact in a float64 event argument.
 *
 * The owner keeps its own columns (typed arrays indexed by slot) and grows them in `onGrow`,
 * called with the new capacity before a slot beyond the old one is handed out.
 */
export class GenerationSlots {
  private gens: Uint32Array;
  private free: Int32Array;
  private freeCount = 0;
  private used = 0;
  /** Slots held now. */
  live = 0;

  constructor(
    initialCapacity: number,
    private readonly onGrow: (capacity: number) => void = () => {},
  ) {
    const n = Math.max(4, initialCapacity);
    this.gens = new Uint32Array(n);
    this.free = new Int32Array(n);
  }

  /** Slots the owner's columns must hold. */
  get capacity(): number {
    return this.gens.length;
  }

  /** Takes a slot; its id is `idOf(slot)` until it is freed. */
  alloc(): number {
    this.live++;
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
    if (this.used === this.gens.length) this.grow();
    return this.used++;
  }

  /** Returns a slot; every id it had goes stale. */
  release(slot: number): void {
    this.gens[slot] = (this.gens[slot]! + 1) % GENERATION_LIMIT;
    this.free[this.freeCount++] = slot;
    this.live--;
  }

  idOf(slot: number): number {
    return this.gens[slot]! * SLOT_LIMIT + slot;
  }

  /** The slot an id names while it is current, else -1 (freed, reused, or never issued). */
  slotOf(id: number): number {
    if (!(id >= 0)) return -1;
    const slot = id % SLOT_LIMIT;
    if (slot >= this.used || this.gens[slot]! * SLOT_LIMIT + slot !== id) return -1;
    return slot;
  }

  private grow(): void {
    const n = this.gens.length * 2;
    if (n > SLOT_LIMIT) throw new Error(`more than ${SLOT_LIMIT} slots held at once`);
    const gens = new Uint32Array(n);
    gens.set(this.gens);
    this.gens = gens;
    const free = new Int32Array(n);
    free.set(this.free);
    this.free = free;
    this.onGrow(n);
  }
}

/** A copy of `a` with room for `n` entries (for owners growing their columns). */
export function grownF64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

export function grownI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
