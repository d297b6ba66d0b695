import seedrandom from 'seedrandom';
import { exponentialSlow, KE, WE } from './distributions/ziggurat.ts';

/**
 * A random stream. Each component draws from its own named substream, seeded from
 * `seed + '/' + name`, so adding a component or changing one policy does not shift the
 * numbers any other component sees (common random numbers across policy variants).
 *
 * The generator is Baagøe's Alea, exactly as seedrandom implements it (seedrandom seeds it:
 * its Mash hash turns the name into the starting state): pure JavaScript arithmetic on
 * doubles, and therefore the same sequence on every machine. The step runs here on the
 * stream's own fields rather than through seedrandom's closure, so that a draw inlines
 * into the component that makes it.
 */
export class Rng {
  // Initialised as numbers, not left undefined until the constructor runs, so V8 keeps them
  // as unboxed doubles and a draw allocates nothing.
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private c = 0;
  /** The number drawExponential drew last. */
  drawn = 0;
  // The ziggurat's fast-path tables, read through fields: V8's optimised code reads an
  // imported binding from a cell and checks on every read that its module has initialised it.
  private readonly ke = KE;
  private readonly we = WE;

  constructor(readonly seed: string) {
    const state = seedrandom.alea(seed, { state: true }).state();
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
    this.c = state.c;
  }

  /** Uniform on [0, 1): a multiple of 2^-32. */
  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    return (this.s2 = t - this.c);
  }

  /** Uniform on [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer uniform on [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Exponential with the given mean: `mean * standardExponential(this)`, draw for draw. Small
   * enough that V8 always inlines it: the draw itself (drawExponential) returns nothing and
   * leaves its number in a field, so that whether or not V8 inlines it into a caller (which
   * its inlining budget decides, caller by caller), no double crosses a call (V8 boxes one
   * passed to or returned from a call it does not inline: an allocation per draw).
   */
  exponential(mean: number): number {
    this.drawExponential();
    return mean * this.drawn;
  }

  /**
   * One Exponential(1) draw, left in `drawn`: the step of next() and the ziggurat's fast path
   * written out here, in one function (the slow path, for ~1.1% of draws, is a call that takes
   * its number from `drawn` and leaves its draw there). (In the stream's own field, not a
   * module's scratch array: a model may load a second copy of these modules, whose functions
   * must still read what this one drew.)
   */
  drawExponential(): void {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // as next()
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    const jz = (this.s2 = t - this.c) * 4294967296;
    const iz = jz & 255;
    if (jz < this.ke[iz]!) this.drawn = jz * this.we[iz]!;
    else {
      this.drawn = jz;
      exponentialSlow(this, iz);
    }
  }

  /** Standard normal, by the Box–Muller transform (two uniforms per draw, no cached state). */
  normal(): number {
    const u1 = 1 - this.next();
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A substream of this stream, e.g. one per job type inside a component. */
  child(name: string): Rng {
    return new Rng(`${this.seed}/${name}`);
  }
}
