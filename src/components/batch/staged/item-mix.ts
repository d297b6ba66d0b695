import type { Rng } from '../../../kernel/rng.ts';
import type { JobStore } from '../../jobs/job-store.ts';
import type { ItemType } from './item-type.ts';

/** Draws job types in the proportions of a mix of item types. */
export class ItemMix {
  /** Job type ids (JobStore.typeId) in the order of `types`. */
  readonly typeIds: Int32Array;
  private readonly cumulative: Float64Array;
  private readonly weights: Float64Array;

  constructor(jobs: JobStore, readonly types: readonly ItemType[]) {
    if (types.length === 0) throw new RangeError('an item mix needs at least one item type');
    this.typeIds = Int32Array.from(types, (t) => jobs.typeId(t.name));
    this.weights = Float64Array.from(types, (t) => t.weight ?? 1);
    this.cumulative = new Float64Array(types.length);
    let sum = 0;
    this.weights.forEach((w, i) => {
      if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`item type ${types[i]!.name}: weight must be a finite number >= 0, got ${w}`);
      sum += w;
      this.cumulative[i] = sum;
    });
    if (!(sum > 0)) throw new RangeError('an item mix needs a positive total weight');
    for (let i = 0; i < types.length; i++) this.cumulative[i]! /= sum;
  }

  /** One type id drawn independently by weight (for a stream of arrivals). */
  sample(rng: Rng): number {
    const u = rng.next();
    const c = this.cumulative;
    for (let i = 0; i < c.length - 1; i++) if (u < c[i]!) return this.typeIds[i]!;
    return this.typeIds[c.length - 1]!;
  }

  /**
   * `n` type ids with exact counts (largest-remainder rounding of n · share), in random order
   * (Fisher–Yates shuffle): a batch of 10,000 at 70% holds exactly 7,000, not 7,000 ± 46.
   * Ties in the remainders go to the type listed first.
   */
  exact(n: number, rng: Rng): Int32Array {
    const k = this.types.length;
    const total = this.weights.reduce((a, b) => a + b, 0);
    const counts = new Int32Array(k);
    const rema: number[] = [];
    let assigned = 0;
    for (let i = 0; i < k; i++) {
      const share = (n * this.weights[i]!) / total;
      counts[i] = Math.floor(share);
      assigned += counts[i]!;
      rema.push(share - counts[i]!);
    }
    const order = rema.map((r, i) => [r, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (let j = 0; assigned < n; j++, assigned++) counts[order[j % k]![1]]!++;
    const out = new Int32Array(n);
    let p = 0;
    for (let i = 0; i < k; i++) for (let c = 0; c < counts[i]!; c++) out[p++] = this.typeIds[i]!;
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }
}
