/** pass and fail decide the exit code; new (no baseline recorded yet) and updated do not. */
export type Verdict = 'pass' | 'fail' | 'new' | 'updated';

/** One line of `sim check`'s report: the table row, the JUnit test case, the JSON entry. */
export interface CheckRow {
  readonly kind: 'expect' | 'compare' | 'baseline';
  /** What is checked where: `jitter=15m`, `no 503s [jitter=15m]`, `baseline [jitter=0]`. */
  readonly check: string;
  /** The grid point (`jitter=15m`), or the two compared (`jitter=15m vs jitter=0`); empty for a whole file. */
  readonly point: string;
  readonly expected: string;
  readonly actual: string;
  readonly verdict: Verdict;
  /** Line in the check file the row comes from (the file's first line for baseline rows). */
  readonly line: number;
  /** For a failure or a new baseline: what to do about it. */
  readonly note?: string;
}

/** One check file's rows and what was run for them. */
export interface FileOutcome {
  readonly file: string;
  readonly model: string;
  readonly durationS: number;
  readonly seeds: readonly number[];
  readonly points: number;
  readonly rows: readonly CheckRow[];
  /** Wall time of the file's runs and checks, when the caller measured it. */
  readonly wallS?: number;
}
