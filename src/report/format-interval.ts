import { formatNumber } from './html.ts';

/**
 * A mean and its 95% interval as one figure, the mean given to the precision the interval
 * supports: the half-width to two significant digits and the mean to the same decimal
 * place (`153.3 ± 1.2`, `10,050 ± 120`). When every replication gave the same value there
 * is no spread to show and the mean stands alone (`10,048`); so it does with one replication.
 */
export function formatMeanInterval(mean: number, low: number | null, high: number | null): string {
  if (low === null || high === null) return formatNumber(mean);
  const half = (high - low) / 2;
  if (!(half > 0)) return formatNumber(mean);
  const place = Math.floor(Math.log10(half)) - 1;
  const decimals = Math.max(0, -place);
  const round = (v: number) => (place > 0 ? Math.round(v / 10 ** place) * 10 ** place : v);
  const text = (v: number) => round(v).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return `${text(mean)} ± ${text(half)}`;
}
