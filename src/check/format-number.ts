/** Numbers as sim prints metrics: integers plainly, others to seven significant digits. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : v < 0 ? '-∞' : 'no value';
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(7)));
}
