/**
 * One named statistic of one metric over time buckets: the single shape that CSV, charts
 * and sweeps read. Reports know metric names and series, never components.
 */
export interface Series {
  /** The metric's name, snake_case with its unit suffix (`api_latency_ms`). */
  readonly metric: string;
  /** `count`, `mean`, `max`, `p50`, `p90`, `p99`. */
  readonly stat: string;
  /** Values per bucket; bucket i covers [i * bucketS, (i + 1) * bucketS). NaN where empty. */
  readonly values: readonly number[];
}
