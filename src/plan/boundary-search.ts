/**
 * Finds where a pass/fail predicate changes along one numeric parameter: a coarse grid over
 * [lo, hi], then bisection of the bracket where it changes. Pure: it only decides which
 * values to try; `evaluate` runs them (in parallel, cached) and says which pass.
 *
 * `largest` (load): passing is expected below the boundary, failing above; the answer is the
 * largest passing value. `smallest` (a resource): failing below, passing above; the answer is
 * the smallest passing value. Every value tried is checked against that expectation: if the
 * tried points disagree with monotonicity (pass, fail, pass) the search says so and gives no
 * answer, rather than a wrong one.
 */
export type SearchGoal = 'largest' | 'smallest';

export interface SearchOptions {
  readonly goal: SearchGoal;
  readonly lo: number;
  readonly hi: number;
  /** Only whole numbers are tried (pool sizes, workers, scale steps). */
  readonly integer: boolean;
  /** Grid points tried first, ends included. @default 6 */
  readonly gridPoints?: number;
  /** Bisection stops when the bracket is this narrow (integers: 1). */
  readonly resolution: number;
}

export interface TriedPoint {
  readonly value: number;
  readonly pass: boolean;
}

export type SearchOutcome =
  | { readonly kind: 'answer'; readonly value: number; readonly bracket: readonly [number, number] | null; readonly note: string; readonly tried: readonly TriedPoint[] }
  | { readonly kind: 'none'; readonly reason: string; readonly tried: readonly TriedPoint[] }
  | { readonly kind: 'non-monotone'; readonly reason: string; readonly tried: readonly TriedPoint[] };

export async function searchBoundary(opts: SearchOptions, evaluate: (values: readonly number[]) => Promise<readonly boolean[]>): Promise<SearchOutcome> {
  const tried = new Map<number, boolean>();
  const run = async (values: number[]) => {
    const fresh = [...new Set(values)].filter((v) => !tried.has(v));
    if (fresh.length === 0) return;
    const verdicts = await evaluate(fresh);
    fresh.forEach((v, i) => tried.set(v, verdicts[i]!));
  };
  const sorted = (): TriedPoint[] => [...tried.entries()].sort((a, b) => a[0] - b[0]).map(([value, pass]) => ({ value, pass }));

  await run(grid(opts));
  // In `largest`, expected order along x is pass... fail...; in `smallest`, fail... pass...
  const goodFirst = opts.goal === 'largest';
  for (;;) {
    const points = sorted();
    const broken = monotonicityBreak(points, goodFirst);
    if (broken) return { kind: 'non-monotone', reason: broken, tried: points };
    const lastGood = goodFirst ? findLast(points, (p) => p.pass) : findLast(points, (p) => !p.pass);
    const firstOther = goodFirst ? points.find((p) => !p.pass) : points.find((p) => p.pass);
    if (!firstOther) {
      // Every point is on the expected-first side.
      if (goodFirst) return { kind: 'answer', value: opts.hi, bracket: null, note: `every SLO holds across the whole range: the boundary is above ${opts.hi}`, tried: points };
      return { kind: 'none', reason: `no value up to the maximum ${opts.hi} meets every SLO`, tried: points };
    }
    if (!lastGood) {
      if (goodFirst) return { kind: 'none', reason: `the SLOs fail even at the minimum ${opts.lo}`, tried: points };
      return { kind: 'answer', value: opts.lo, bracket: null, note: `every SLO holds across the whole range: the boundary is at or below ${opts.lo}`, tried: points };
    }
    const a = lastGood.value;
    const b = firstOther.value;
    const mid = opts.integer ? Math.floor((a + b) / 2) : (a + b) / 2;
    if (b - a <= opts.resolution || mid === a || mid === b) {
      const value = goodFirst ? a : b;
      return { kind: 'answer', value, bracket: [a, b], note: goodFirst ? `${b} fails` : `${a} fails`, tried: points };
    }
    await run([mid]);
  }
}

function grid(o: SearchOptions): number[] {
  const n = Math.max(2, o.gridPoints ?? 6);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = o.lo + ((o.hi - o.lo) * i) / (n - 1);
    out.push(o.integer ? Math.round(x) : x);
  }
  return out;
}

/** A description of the first place the tried points break the expected order, or null. */
function monotonicityBreak(points: readonly TriedPoint[], goodFirst: boolean): string | null {
  let seenOther: TriedPoint | null = null;
  for (const p of points) {
    const isGood = goodFirst ? p.pass : !p.pass;
    if (!isGood && !seenOther) seenOther = p;
    if (isGood && seenOther) {
      const word = (q: TriedPoint) => (q.pass ? 'meets' : 'misses');
      const first = points.find((q) => (goodFirst ? q.pass : !q.pass))!;
      return `the response is not monotone: ${first.value} ${word(first)} the SLOs, ${seenOther.value} ${word(seenOther)} them, ${p.value} ${word(p)} them again; narrow the range or plan on another parameter`;
    }
  }
  return null;
}

function findLast<T>(xs: readonly T[], f: (x: T) => boolean): T | undefined {
  for (let i = xs.length - 1; i >= 0; i--) if (f(xs[i]!)) return xs[i];
  return undefined;
}
