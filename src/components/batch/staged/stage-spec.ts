import type { Distribution } from '../../../kernel/distributions/distribution.ts';

/** One step an item passes through (validation, enrichment, persistence). */
export interface StageSpec {
  /** snake_case; names the metrics `<processor>_<stage>_time_s` and `<processor>_failed_stage_<stage>`. */
  readonly name: string;
  /** Time one attempt spends in this stage, seconds. A failing attempt spends the whole of it. */
  readonly duration: Distribution;
  /**
   * Chance, 0..1, that an attempt fails here transiently (a network or database blip that a
   * later attempt may pass), drawn afresh on every attempt. @default 0
   */
  readonly transientFailureRatio?: number;
}
