import { z } from 'zod';
import { ModelNameSchema, VersionNumberSchema } from '../registry/events';
import { StageSchema } from '../registry/stages';
import { ReplicasSchema } from '../serving/serving-commands';

const seconds = (max: number) => z.number().int().min(0).max(max);

/**
 * Live analysis, with Argo Rollouts' semantics: every `intervalSeconds` one measurement of the
 * new version (and of stable, for the relative limits) over that interval's traffic. A
 * measurement with fewer than `minRequests` requests is inconclusive. The analysis fails when
 * failed measurements exceed `failureLimit`, and is inconclusive (the rollout pauses, it never
 * promotes) when inconclusive ones exceed `inconclusiveLimit`.
 */
const ANALYSIS_LIMITS = ['maxErrorRate', 'maxP99Ms', 'maxErrorRateIncrease', 'maxP99Ratio'] as const;

export const AnalysisSchema = z
  .strictObject({
    intervalSeconds: z.number().int().min(1).max(3600).default(10),
    /** Measurements taken at each step before it may complete. */
    count: z.number().int().min(1).max(100).default(1),
    minRequests: z.number().int().min(0).max(1_000_000).default(20),
    /** The new version's error rate (0..1) must stay at or below this. */
    maxErrorRate: z.number().min(0).max(1).optional(),
    /** The new version's p99 latency must stay at or below this many milliseconds. */
    maxP99Ms: z.number().positive().max(600_000).optional(),
    /** The new version's error rate may exceed stable's by at most this (0..1). */
    maxErrorRateIncrease: z.number().min(0).max(1).optional(),
    /** The new version's p99 may be at most this multiple of stable's. */
    maxP99Ratio: z.number().min(1).max(1000).optional(),
    failureLimit: z.number().int().min(0).max(100).default(0),
    inconclusiveLimit: z.number().int().min(0).max(100).default(0),
  })
  .refine(
    (a) => [a.maxErrorRate, a.maxP99Ms, a.maxErrorRateIncrease, a.maxP99Ratio].some((limit) => limit !== undefined),
    'an analysis needs at least one limit (maxErrorRate, maxP99Ms, maxErrorRateIncrease or maxP99Ratio)',
  )
  // The refinement as the OpenAPI documents state it (zod cannot translate a refine itself).
  .meta({ anyOf: ANALYSIS_LIMITS.map((limit) => ({ required: [limit] })) });
export type Analysis = z.infer<typeof AnalysisSchema>;

export const CanaryStepSchema = z.strictObject({
  /** Percent of requests the new version gets during this step (1..99; 100 is the promotion). */
  weight: z.number().int().min(1).max(99),
  /** Wait this long at the step; `{}` (no seconds) waits for a manual promote. Absent: no wait beyond analysis. */
  pause: z.strictObject({ seconds: seconds(86_400).optional() }).optional(),
});

export const ReplaceStrategySchema = z.strictObject({ kind: z.literal('replace') });

export const CanaryStrategySchema = z.strictObject({
  kind: z.literal('canary'),
  steps: z
    .array(CanaryStepSchema)
    .min(1)
    .max(20)
    .refine((steps) => steps.every((s, i) => i === 0 || s.weight > steps[i - 1].weight), 'weights must increase'),
  analysis: AnalysisSchema.optional(),
});

export const BlueGreenStrategySchema = z.strictObject({
  kind: z.literal('blue-green'),
  /** Promote the preview after this long (absent: on a manual promote, or when the analysis succeeds). */
  autoPromoteSeconds: seconds(86_400).optional(),
  /** Measured on the preview while it receives a shadow copy of every request. */
  analysis: AnalysisSchema.optional(),
  /** The old version stays loaded this long after promotion: a rollback inside it is instant. */
  scaleDownDelaySeconds: seconds(86_400).default(300),
});

export const RollingStrategySchema = z
  .strictObject({
    kind: z.literal('rolling'),
    /** Replicas above the desired count during the rollout. */
    maxSurge: z.number().int().min(0).max(32).default(1),
    /** Replicas below the desired count during the rollout. */
    maxUnavailable: z.number().int().min(0).max(32).default(0),
    /** Wait between batches. */
    batchPauseSeconds: seconds(3_600).default(0),
    analysis: AnalysisSchema.optional(),
  })
  .refine((r) => r.maxSurge + r.maxUnavailable > 0, 'maxSurge and maxUnavailable cannot both be 0');

export const StrategySchema = z.discriminatedUnion('kind', [
  ReplaceStrategySchema,
  CanaryStrategySchema,
  BlueGreenStrategySchema,
  RollingStrategySchema,
]);
export type Strategy = z.infer<typeof StrategySchema>;
export type StrategyKind = Strategy['kind'];

/** What rolls a version out to an environment without anyone asking. */
export const EnvironmentTriggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('alias'), alias: z.string().min(1).max(256) }),
  z.strictObject({ kind: z.literal('stage'), stage: StageSchema }),
  /** `production_version: "latest" | "1.0.0"`: the newest version, or the one with this label or number. */
  z.strictObject({ kind: z.literal('pinned'), version: z.string().min(1).max(256) }),
  z.strictObject({ kind: z.literal('manual') }),
]);
export type EnvironmentTrigger = z.infer<typeof EnvironmentTriggerSchema>;

export const EnvironmentPolicySchema = z.strictObject({
  trigger: EnvironmentTriggerSchema,
  /** Per model name: a pinned trigger names a version per model; absent models use `trigger`. */
  models: z.record(ModelNameSchema, z.strictObject({ trigger: EnvironmentTriggerSchema })).optional(),
  strategy: StrategySchema.default({ kind: 'replace' }),
  replicas: ReplicasSchema.default(1),
  /** A protected environment: only principals with this role may deploy to it, promote or roll back. */
  protection: z.strictObject({ approverRole: z.string().min(1).max(64) }).optional(),
});
export type EnvironmentPolicy = z.infer<typeof EnvironmentPolicySchema>;

export const DeploymentTriggerSchema = z.strictObject({
  kind: z.enum(['manual', 'alias', 'stage', 'pinned', 'rollback']),
  /** The registry event or the command that caused it. */
  causedBy: z.string().min(1).max(256),
});
export type DeploymentTrigger = z.infer<typeof DeploymentTriggerSchema>;

export const VersionRefSchema = { name: ModelNameSchema, version: VersionNumberSchema };
