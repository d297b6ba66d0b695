import { z } from 'zod';

const selector = z.record(z.string(), z.unknown(), { error: 'expected a mapping of swept parameters to values, e.g. { jitter: 15m }' });
const name = z.string({ error: 'expected text' }).min(1, { error: 'must not be empty' });

/** `- expect: <expression or list>`, optionally limited to grid points by `where`. */
export const expectEntrySchema = z.strictObject({
  name: name.optional(),
  /** Grid points to test, by swept values; every point when absent. */
  where: selector.optional(),
  expect: z.union([z.string(), z.array(z.string({ error: 'expected an expression in quotes or plain text' })).min(1, { error: 'the list is empty; give at least one expression' })], {
    error: 'expected an expression (e.g. duplicates == 0) or a list of them',
  }),
});

/** `- compare: {...}`: one variant against another on one metric. */
export const compareEntrySchema = z.strictObject({
  name: name.optional(),
  compare: z.strictObject(
    {
      metric: z.string({ error: 'expected a metric name' }).min(1, { error: 'expected a metric name' }),
      baseline: selector,
      candidate: selector,
      /** Which direction is an improvement. @default lower */
      better: z.enum(['lower', 'higher'], { error: 'expected lower or higher' }).optional(),
      ratio_at_least: z.number({ error: 'expected a number' }).positive({ error: 'must be greater than 0' }).optional(),
      difference_at_least: z.number({ error: 'expected a number' }).min(0, { error: 'must be 0 or more' }).optional(),
    },
    { error: 'expected a mapping with metric, baseline, candidate and ratio_at_least or difference_at_least' },
  ),
});

const toleranceValue = z.union([z.number(), z.string(), z.record(z.string(), z.unknown())], {
  error: "expected a relative tolerance like '5%', an absolute one like 3, or { relative: 5%, absolute: 3 }",
});

/** `- baseline: {...}` (or `- baseline: false`): how this file's metrics are held to checks/baseline.json. */
export const baselineEntrySchema = z.strictObject({
  baseline: z.union(
    [
      z.literal(false),
      z.strictObject({
        /** Default for every metric. @default 5% */
        tolerance: toleranceValue.optional(),
        /** Per-metric tolerances. */
        metrics: z.record(z.string(), toleranceValue, { error: 'expected a mapping of metric names to tolerances' }).optional(),
        /** Metrics left out of the baseline. */
        ignore: z.array(z.string({ error: 'expected metric names' }), { error: 'expected a list of metric names' }).optional(),
      }),
    ],
    { error: 'expected false or a mapping with tolerance, metrics, ignore' },
  ),
});

export type ExpectEntry = z.infer<typeof expectEntrySchema>;
export type CompareEntry = z.infer<typeof compareEntrySchema>;
export type BaselineEntry = z.infer<typeof baselineEntrySchema>;

/** Field names per entry kind, for "unknown field" messages. */
export const ENTRY_FIELDS = {
  expect: Object.keys(expectEntrySchema.shape),
  compare: Object.keys(compareEntrySchema.shape),
  'compare.compare': Object.keys(compareEntrySchema.shape.compare.shape),
  baseline: Object.keys(baselineEntrySchema.shape),
  'baseline.baseline': ['tolerance', 'metrics', 'ignore'],
} as const;
