import type { Experiment } from '../sweep/experiment.ts';
import type { Expression } from './expression.ts';
import type { Tolerance } from './tolerance.ts';

/** `- expect: ...`: one or more expressions, each tested at each selected grid point. */
export interface ExpectCheck {
  readonly kind: 'expect';
  readonly name: string | null;
  /** Each with its line in the check file, for messages and JUnit. */
  readonly expressions: readonly { readonly expression: Expression; readonly line: number }[];
  /** Grid points (indices into the plan) they are tested at, in grid order. */
  readonly points: readonly number[];
}

/** A candidate point against its baseline point. */
export interface PointPair {
  readonly baseline: number;
  readonly candidate: number;
}

/**
 * `- compare: ...`: the candidate variant beats the baseline variant on one metric by a
 * ratio or a difference of the means over replications. Runs with the same seed see the
 * same random inputs (common random numbers), so the difference is the policy's.
 */
export interface CompareCheck {
  readonly kind: 'compare';
  readonly name: string | null;
  readonly line: number;
  readonly metric: string;
  /** One pair per combination of the grid axes neither selector names. */
  readonly pairs: readonly PointPair[];
  readonly better: 'lower' | 'higher';
  /** baseline / candidate (lower is better) or candidate / baseline (higher is better) at least this. */
  readonly ratioAtLeast: number | null;
  /** baseline - candidate (lower is better) or candidate - baseline at least this, in the metric's unit. */
  readonly differenceAtLeast: number | null;
}

export type Check = ExpectCheck | CompareCheck;

/** How this file's metrics are held to the recorded baseline. */
export interface BaselinePolicy {
  /** False when the file says `baseline: false`. */
  readonly enabled: boolean;
  readonly tolerance: Tolerance;
  readonly metrics: ReadonlyMap<string, Tolerance>;
  readonly ignore: ReadonlySet<string>;
}

/** A check file (or an experiment file with checks), validated and ready to run. */
export interface CheckFile {
  /** As the user named it. */
  readonly file: string;
  readonly absFile: string;
  readonly experiment: Experiment;
  readonly checks: readonly Check[];
  readonly baseline: BaselinePolicy;
}
