import { stringify } from 'csv-stringify/sync';
import type { Series } from '../metrics/series.ts';

/**
 * Tidy CSV, one observation per row: `time_s,metric,stat,value`, where time_s is the start
 * of the time bucket. Empty buckets (no observation) have no row.
 */
export function timeseriesCsv(series: readonly Series[], bucketS: number): string {
  const rows: (string | number)[][] = [];
  for (const s of series) {
    s.values.forEach((v, i) => {
      if (Number.isFinite(v)) rows.push([Number((i * bucketS).toPrecision(12)), s.metric, s.stat, Number(v.toPrecision(7))]);
    });
  }
  return stringify(rows, { header: true, columns: ['time_s', 'metric', 'stat', 'value'] });
}
