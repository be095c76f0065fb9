import { z } from 'zod';
import { defineMessage } from '../catalog';
import { ModelNameSchema, VersionNumberSchema } from '../registry/events';
import { EnvironmentNameSchema, ReplicasSchema, TrafficTableSchema } from '../serving/serving-commands';
import { DeploymentTriggerSchema, EnvironmentPolicySchema, StrategySchema } from './strategies';

const Target = { name: ModelNameSchema, environment: EnvironmentNameSchema };
/** A rollout: one DeploymentRequested and what followed it. The id is derived from the request's commandId. */
const Rollout = { deploymentId: z.string().min(1).max(256), ...Target };
const Reason = z.string().max(2000);

export const EnvironmentConfigured = defineMessage({
  type: 'EnvironmentConfigured',
  schemaVersion: 1,
  description: "An environment's policy was set; policyVersion counts its policies from 1.",
  schema: z.object({
    environment: EnvironmentNameSchema,
    policyVersion: z.number().int().positive(),
    policy: EnvironmentPolicySchema,
  }),
});
export type EnvironmentConfiguredData = z.infer<typeof EnvironmentConfigured.schema>;

export const DeploymentRequested = defineMessage({
  type: 'DeploymentRequested',
  schemaVersion: 1,
  description:
    'A rollout of a version to an environment was asked for (by a person, a trigger or a rollback); joins names the running rollout it joined instead of restarting it.',
  schema: z.object({
    ...Rollout,
    version: VersionNumberSchema,
    strategy: StrategySchema,
    replicas: ReplicasSchema,
    trigger: DeploymentTriggerSchema,
    reason: Reason.nullable(),
    /** The rollout this one replaces while it was still running. */
    supersedes: z.string().max(256).nullable(),
    /**
     * The running rollout this one joins: it asked for what that one already does (the same
     * version, strategy and replicas), so nothing restarts and it ends as that one ends.
     * Absent in events older than joining.
     */
    joins: z.string().min(1).max(256).nullable().optional(),
  }),
});
export type DeploymentRequestedData = z.infer<typeof DeploymentRequested.schema>;

export const DeploymentStarted = defineMessage({
  type: 'DeploymentStarted',
  schemaVersion: 1,
  description:
    'The new version is ready in serving and the rollout began; stableVersion is what served before (null: nothing).',
  schema: z.object({
    ...Rollout,
    version: VersionNumberSchema,
    stableVersion: VersionNumberSchema.nullable(),
    strategy: StrategySchema,
  }),
});
export type DeploymentStartedData = z.infer<typeof DeploymentStarted.schema>;

export const TrafficShifted = defineMessage({
  type: 'TrafficShifted',
  schemaVersion: 1,
  description: "The model's routing table in the environment changed; step counts the rollout's steps from 0.",
  schema: z.object({ ...Rollout, step: z.number().int().min(0), traffic: TrafficTableSchema, reason: Reason }),
});
export type TrafficShiftedData = z.infer<typeof TrafficShifted.schema>;

export const MeasurementSchema = z.object({
  requests: z.number().int().min(0),
  errors: z.number().int().min(0),
  errorRate: z.number().min(0).max(1).nullable(),
  p99Ms: z.number().min(0).nullable(),
});
export type Measurement = z.infer<typeof MeasurementSchema>;

export const AnalysisCompleted = defineMessage({
  type: 'AnalysisCompleted',
  schemaVersion: 1,
  description:
    "One analysis measurement of the new version (and stable) over an interval, judged against the strategy's limits.",
  schema: z.object({
    ...Rollout,
    step: z.number().int().min(0),
    measurement: z.number().int().min(0),
    phase: z.enum(['successful', 'failed', 'inconclusive']),
    canary: MeasurementSchema,
    stable: MeasurementSchema.nullable(),
    /** Why it failed or was inconclusive (each limit broken), empty when successful. */
    reasons: z.array(Reason),
    failures: z.number().int().min(0),
    inconclusives: z.number().int().min(0),
  }),
});
export type AnalysisCompletedData = z.infer<typeof AnalysisCompleted.schema>;

export const DeploymentPaused = defineMessage({
  type: 'DeploymentPaused',
  schemaVersion: 1,
  description:
    'The rollout waits: for a manual promote, or because the analysis was inconclusive (it never promotes then).',
  schema: z.object({ ...Rollout, step: z.number().int().min(0), reason: z.enum(['manual', 'inconclusive']) }),
});
export type DeploymentPausedData = z.infer<typeof DeploymentPaused.schema>;

export const DeploymentPromoted = defineMessage({
  type: 'DeploymentPromoted',
  schemaVersion: 1,
  description: 'The rollout moved past a step: by a timer, a passing analysis or a person; full skips to 100%.',
  schema: z.object({
    ...Rollout,
    step: z.number().int().min(0),
    full: z.boolean(),
    by: z.enum(['timer', 'analysis', 'manual']),
  }),
});
export type DeploymentPromotedData = z.infer<typeof DeploymentPromoted.schema>;

export const DeploymentSucceeded = defineMessage({
  type: 'DeploymentSucceeded',
  schemaVersion: 1,
  description: 'The new version takes all traffic in the environment; it is now stable there.',
  schema: z.object({
    ...Rollout,
    version: VersionNumberSchema,
    replicas: ReplicasSchema,
    previousVersion: VersionNumberSchema.nullable(),
  }),
});
export type DeploymentSucceededData = z.infer<typeof DeploymentSucceeded.schema>;

export const DeploymentRolledBack = defineMessage({
  type: 'DeploymentRolledBack',
  schemaVersion: 1,
  description: 'Traffic went back to another version: automatically when analysis failed, or by a person.',
  schema: z.object({
    ...Rollout,
    fromVersion: VersionNumberSchema,
    toVersion: VersionNumberSchema,
    automatic: z.boolean(),
    reason: Reason,
  }),
});
export type DeploymentRolledBackData = z.infer<typeof DeploymentRolledBack.schema>;

export const DeploymentAborted = defineMessage({
  type: 'DeploymentAborted',
  schemaVersion: 1,
  description:
    'The rollout stopped without promoting: by a person, because the version failed to load, or superseded by a newer rollout.',
  schema: z.object({
    ...Rollout,
    version: VersionNumberSchema,
    reason: Reason,
    supersededBy: z.string().max(256).nullable(),
  }),
});
export type DeploymentAbortedData = z.infer<typeof DeploymentAborted.schema>;

export const DeploymentScaled = defineMessage({
  type: 'DeploymentScaled',
  schemaVersion: 1,
  description: 'The version serving a model in an environment now runs in a different number of replicas.',
  schema: z.object({
    ...Target,
    version: VersionNumberSchema,
    replicas: ReplicasSchema,
    previousReplicas: ReplicasSchema,
  }),
});
export type DeploymentScaledData = z.infer<typeof DeploymentScaled.schema>;

export const Undeployed = defineMessage({
  type: 'Undeployed',
  schemaVersion: 1,
  description: 'The model no longer serves in the environment.',
  schema: z.object({ ...Target, versions: z.array(VersionNumberSchema), reason: Reason.nullable() }),
});
export type UndeployedData = z.infer<typeof Undeployed.schema>;
