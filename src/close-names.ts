/**
 * The candidates most like `name`, best first: those that contain it or that it contains (a
 * name typed short, `api_latency_p99` for `api_latency_p99_ms`), then those within an edit
 * distance of a third of the name's length; nearer first within each. At most `limit`.
 */
export function closeNames(name: string, candidates: readonly string[], limit = 4): string[] {
  const scored = candidates
    .map((c) => ({ c, d: editDistance(name, c), contains: c.includes(name) || name.includes(c) }))
    .filter(({ d, contains }) => contains || d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => Number(b.contains) - Number(a.contains) || a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.c);
}

/** Levenshtein distance (insert, delete, substitute cost 1), two-row dynamic programme. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** ` (did you mean --servers?)` (or `--a or --b`), or '' when nothing is close. */
export function didYouMean(name: string, candidates: readonly string[], prefix = ''): string {
  const close = closeNames(name, candidates, 2);
  return close.length ? ` (did you mean ${close.map((c) => `${prefix}${c}`).join(' or ')}?)` : '';
}
