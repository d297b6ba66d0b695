import type { Rng } from '../rng.ts';

/**
 * Standard exponential variates by the ziggurat method: G. Marsaglia & W. W. Tsang, "The
 * Ziggurat Method for Generating Random Variables", J. Stat. Software 5(8), 2000 (their REXP
 * and efix, 256 layers). About 98.9% of draws cost one uniform, a table look-up and a
 * multiply; the rest fall back to exact rejection, so the output is exactly exponential to
 * the 32-bit resolution of the uniform (no logarithm on the fast path, unlike inversion).
 */
const M2 = 4294967296;
const ke = new Float64Array(256);
const we = new Float64Array(256);
/** The fast path's tables (read by Rng.exponential, which writes that path out). */
export { ke as KE, we as WE };
const fe = new Float64Array(256);
const R = 7.697117470131487;

(function setup() {
  let de = R;
  let te = de;
  const ve = 3.949659822581572e-3;
  const q = ve / Math.exp(-de);
  ke[0] = Math.floor((de / q) * M2);
  ke[1] = 0;
  we[0] = q / M2;
  we[255] = de / M2;
  fe[0] = 1;
  fe[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(ve / de + Math.exp(-de));
    ke[i + 1] = Math.floor((de / te) * M2);
    te = de;
    fe[i] = Math.exp(-de);
    we[i] = de / M2;
  }
})();

/** One draw from Exponential(1) (see Rng.exponential: the same draw, inlined wherever it is called). */
export function standardExponential(rng: Rng): number {
  rng.drawExponential();
  return rng.drawn;
}

/**
 * The wedge and tail of REXP (efix), for the ~1.1% of draws outside the rectangles: from
 * `rng.drawn` = jz (u * 2^32, not a small integer) and its layer iz, leaves the draw in
 * `rng.drawn`. The number goes in and out through the stream's field, so that the call takes
 * and returns no double (V8 boxes one passed to or returned from a call it does not inline,
 * and this one it never inlines).
 */
export function exponentialSlow(rng: Rng, iz: number): void {
  let jz = rng.drawn;
  for (;;) {
    if (iz === 0) {
      rng.drawn = R - Math.log(1 - rng.next());
      return;
    }
    const x = jz * we[iz]!;
    if (fe[iz]! + rng.next() * (fe[iz - 1]! - fe[iz]!) < Math.exp(-x)) {
      rng.drawn = x;
      return;
    }
    jz = rng.next() * M2;
    iz = jz & 255;
    if (jz < ke[iz]!) {
      rng.drawn = jz * we[iz]!;
      return;
    }
  }
}
