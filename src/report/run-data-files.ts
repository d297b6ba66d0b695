import type { Finding } from './findings.ts';
import type { RunResult } from '../model/run-model.ts';
import { jsonText, runDocument } from './run-document.ts';
import { summaryJson } from './summary-json.ts';
import { timeseriesCsv } from './timeseries-csv.ts';
import type { ZoomPlan } from './zoom-windows.ts';

/**
 * A run's data files, everything but charts and report: summary.json, run.json,
 * timeseries.csv. What `sim compare` reads, and what a sweep keeps per point with
 * --keep-series (drawing is left to compare, so sweep workers never load Vega).
 */
export function runDataFiles(r: RunResult, found: readonly Finding[], start: string, zoom: ZoomPlan | null, reproduce: string): Map<string, string> {
  return new Map([
    ['summary.json', summaryJson(r)],
    ['run.json', jsonText(runDocument(r, found, start, zoom, reproduce))],
    ['timeseries.csv', timeseriesCsv(r.series, r.bucketS)],
  ]);
}
