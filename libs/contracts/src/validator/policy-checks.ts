import { z } from 'zod';
import { VersionNumberSchema } from '../registry/events';
import { CheckIdSchema } from './check-results';

/** Every kind of check a policy may name (issue 8); an instance evaluates those it has an evaluator for. */
export const CHECK_KINDS = [
  'threshold',
  'required_metadata',
  'signature_compatibility',
  'artifact_integrity',
  'reevaluation',
  'drift',
  'data_quality',
  'slice_gap',
  'stability',
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

const ColumnSchema = z.string().min(1).max(250);
const MetricNameSchema = z.string().min(1).max(250);

/**
 * Which version a check compares with: the one holding `alias`, else the latest version in
 * `stage`. The default is the champion, else the latest Production version.
 */
export const BaselineRefSchema = z
  .strictObject({
    alias: z.string().min(1).max(255).optional(),
    stage: z.enum(['Staging', 'Production']).optional(),
  })
  .refine((ref) => ref.alias !== undefined || ref.stage !== undefined, 'names an alias, a stage or both');
export type BaselineRef = z.infer<typeof BaselineRefSchema>;
export const DEFAULT_BASELINE: BaselineRef = { alias: 'champion', stage: 'Production' };

/** A dataset registered with the validator, by name; without a version, its latest. */
export const DatasetRefSchema = z.strictObject({
  name: z.string().min(1).max(256),
  version: VersionNumberSchema.optional(),
});
export type DatasetRef = z.infer<typeof DatasetRefSchema>;

const common = {
  /** Names the check in the report; defaults to `<kind>-<position>`. */
  id: CheckIdSchema.optional(),
  /** A blocking check that does not pass fails the run; a warning is only reported. */
  blocking: z.boolean().default(true),
};

/**
 * MLflow's MetricThreshold: `threshold` is absolute; `min_absolute_change` (> 0) and
 * `min_relative_change` (0..1) compare with the baseline's value of the same metric.
 */
export const MetricThresholdSchema = z.strictObject({
  threshold: z.number().optional(),
  min_absolute_change: z.number().positive().optional(),
  min_relative_change: z.number().min(0).max(1).optional(),
  greater_is_better: z.boolean(),
});
export type MetricThreshold = z.infer<typeof MetricThresholdSchema>;

const someThreshold = (t: MetricThreshold) =>
  t.threshold !== undefined || t.min_absolute_change !== undefined || t.min_relative_change !== undefined;
const SOME_THRESHOLD = 'needs threshold, min_absolute_change or min_relative_change';

export const ThresholdCheckSchema = z
  .strictObject({
    ...common,
    kind: z.literal('threshold'),
    metric: MetricNameSchema,
    /** For versions registered through the MLflow client (no metrics field): the tag holding the claimed value. */
    metric_tag: z.string().min(1).max(250).optional(),
    ...MetricThresholdSchema.shape,
    baseline: BaselineRefSchema.default(DEFAULT_BASELINE),
  })
  .refine(someThreshold, SOME_THRESHOLD);

export const VERSION_FIELDS = ['description', 'source', 'runId', 'runLink', 'framework', 'params', 'metrics'] as const;

export const RequiredMetadataCheckSchema = z.strictObject({
  ...common,
  kind: z.literal('required_metadata'),
  tags: z.array(z.string().min(1).max(250)).max(100).default([]),
  fields: z.array(z.enum(VERSION_FIELDS)).max(VERSION_FIELDS.length).default([]),
  signature: z.boolean().default(false),
  artifact: z.boolean().default(false),
});

export const SignatureCompatibilityCheckSchema = z.strictObject({
  ...common,
  kind: z.literal('signature_compatibility'),
  allow_breaking_changes: z.boolean().default(false),
  baseline: BaselineRefSchema.default(DEFAULT_BASELINE),
});

export const ArtifactIntegrityCheckSchema = z.strictObject({
  ...common,
  kind: z.literal('artifact_integrity'),
  /** A version with no artifact recorded fails instead of ending inconclusive. */
  require_artifact: z.boolean().default(false),
});

export const REEVALUATION_METRICS = [
  'accuracy',
  'precision',
  'recall',
  'f1',
  'roc_auc',
  'log_loss',
  'rmse',
  'mae',
  'r2',
] as const;

export const ReevaluationCheckSchema = z.strictObject({
  ...common,
  kind: z.literal('reevaluation'),
  dataset: DatasetRefSchema,
  task: z.enum(['classification', 'regression']),
  label_column: ColumnSchema,
  /** Thresholds on measured metrics, MLflow MetricThreshold semantics, baseline re-scored on the same rows. */
  metrics: z
    .array(
      z
        .strictObject({ metric: z.enum(REEVALUATION_METRICS), ...MetricThresholdSchema.shape })
        .refine(someThreshold, SOME_THRESHOLD),
    )
    .min(1)
    .max(20),
  /** Largest |claimed − measured| tolerated per metric before the claim is reported as not reproduced. */
  max_claim_gap: z.number().min(0).optional(),
  baseline: BaselineRefSchema.default(DEFAULT_BASELINE),
});

export const DRIFT_METHODS = ['auto', 'ks', 'wasserstein', 'chisquare', 'jensenshannon', 'psi'] as const;
const DriftMethodSchema = z.strictObject({
  method: z.enum(DRIFT_METHODS).default('auto'),
  threshold: z.number().min(0).optional(),
});

export const DriftCheckSchema = z.strictObject({
  ...common,
  kind: z.literal('drift'),
  reference: DatasetRefSchema,
  current: DatasetRefSchema,
  /** Columns compared (default: every column both datasets share). */
  columns: z.array(ColumnSchema).max(1000).optional(),
  ...DriftMethodSchema.shape,
  /** Share of drifted columns at which the dataset counts as drifted (Evidently's default 0.5). */
  drift_share: z.number().min(0).max(1).default(0.5),
  column_overrides: z.record(ColumnSchema, DriftMethodSchema).default({}),
});

const RangeSchema = z.strictObject({ min: z.number().optional(), max: z.number().optional() });

export const DataQualityCheckSchema = z.strictObject({
  ...common,
  kind: z.literal('data_quality'),
  dataset: DatasetRefSchema,
  max_missing_rate: z.number().min(0).max(1).optional(),
  column_missing_rates: z.record(ColumnSchema, z.number().min(0).max(1)).default({}),
  ranges: z.record(ColumnSchema, RangeSchema).default({}),
  min_rows: z.number().int().min(0).optional(),
  /** The dataset's columns must cover the version's signature inputs. */
  schema_match: z.boolean().default(true),
});

export const SLICE_METRICS = ['accuracy', 'mae'] as const;

export const SliceGapCheckSchema = z
  .strictObject({
    ...common,
    kind: z.literal('slice_gap'),
    dataset: DatasetRefSchema,
    task: z.enum(['classification', 'regression']),
    label_column: ColumnSchema,
    slice_column: ColumnSchema,
    /** Accuracy for a classifier (higher is better), MAE for a regressor (lower is better): per-row metrics a slice can average. */
    metric: z.enum(SLICE_METRICS),
    /** Largest tolerated |metric on a slice − overall metric|. */
    max_gap: z.number().min(0),
    min_rows_per_slice: z.number().int().min(1).default(30),
  })
  .refine((c) => (c.task === 'classification') === (c.metric === 'accuracy'), {
    message: 'accuracy slices a classification, mae a regression',
    path: ['metric'],
  });

export const StabilityCheckSchema = z
  .strictObject({
    ...common,
    kind: z.literal('stability'),
    /** Fold values are the version's metrics `<metric>_fold_<n>`, or a JSON array in `fold_tag`. */
    metric: MetricNameSchema,
    fold_tag: z.string().min(1).max(250).optional(),
    max_std: z.number().min(0).optional(),
    max_range: z.number().min(0).optional(),
    min_folds: z.number().int().min(2).default(3),
  })
  .refine((c) => c.max_std !== undefined || c.max_range !== undefined, 'needs max_std or max_range');

export const PolicyCheckSchema = z.discriminatedUnion('kind', [
  ThresholdCheckSchema,
  RequiredMetadataCheckSchema,
  SignatureCompatibilityCheckSchema,
  ArtifactIntegrityCheckSchema,
  ReevaluationCheckSchema,
  DriftCheckSchema,
  DataQualityCheckSchema,
  SliceGapCheckSchema,
  StabilityCheckSchema,
]);
export type PolicyCheckInput = z.input<typeof PolicyCheckSchema>;
/** A check as stored: defaults filled in, its id given. */
export type PolicyCheck = z.output<typeof PolicyCheckSchema> & { id: string };
export type PolicyCheckOf<K extends CheckKind> = Extract<PolicyCheck, { kind: K }>;

/** A policy's checks: ids are filled in (`<kind>-<position>`) and must be unique. */
export const PolicyChecksSchema = z
  .array(PolicyCheckSchema)
  .max(100, 'at most 100 checks')
  .transform((checks) => checks.map((check, i) => ({ ...check, id: check.id ?? `${check.kind}-${i + 1}` })))
  .superRefine((checks, ctx) => {
    checks.forEach((check, i) => {
      if (checks.findIndex((other) => other.id === check.id) !== i)
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${check.id}" names another check too` });
    });
  });
