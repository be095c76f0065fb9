import { z } from 'zod';

/**
 * How one check ended: `inconclusive` when the evidence is not there to judge (too few rows, no
 * ONNX artifact), `error` when reading the evidence failed (artifact missing, unreadable data).
 */
export const CHECK_OUTCOMES = ['passed', 'failed', 'inconclusive', 'error'] as const;
export const CheckOutcomeSchema = z.enum(CHECK_OUTCOMES);
export type CheckOutcome = z.infer<typeof CheckOutcomeSchema>;

export const CheckIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'must be letters, digits, "_", ".", ":" or "-"');

/** One check's result, as the run's report and the ValidationCheckCompleted event carry it. */
export const CheckResultSchema = z.object({
  id: CheckIdSchema,
  kind: z.string().min(1).max(64),
  blocking: z.boolean(),
  outcome: CheckOutcomeSchema,
  /** The measured or claimed value the check judged, when it is a number. */
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  /** The baseline's value of the same quantity, when a baseline took part. */
  baseline: z.number().nullable(),
  message: z.string().max(5000),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** What a verdict says about its report: counts per outcome and the blocking checks that did not pass. */
export const ReportSummarySchema = z.object({
  total: z.number().int().min(0),
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
  inconclusive: z.number().int().min(0),
  error: z.number().int().min(0),
  /** Blocking checks whose outcome was not `passed`: why a run failed. */
  failedBlocking: z.array(CheckIdSchema),
  /** Warning (non-blocking) checks whose outcome was not `passed`. */
  warnings: z.array(CheckIdSchema),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;
