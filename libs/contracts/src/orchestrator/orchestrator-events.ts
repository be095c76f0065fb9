import { z } from 'zod';
import { defineMessage } from '../catalog';
import { ModelNameSchema, VersionNumberSchema } from '../registry/events';
import { RunIdSchema } from './orchestrator-commands';
import {
  PipelineDefinitionSchema,
  PipelineParametersSchema,
  PipelineScopeSchema,
  PipelineStepSchema,
  StepIdSchema,
} from './pipeline-definition';

const Reason = z.string().max(4000);
/** Every run event names its run, model and version: the key on the bus and the timeline's join. */
const Run = { runId: RunIdSchema, name: ModelNameSchema, version: VersionNumberSchema };
const Step = { ...Run, stepId: StepIdSchema, attempt: z.number().int().min(1) };
const Actor = z.object({ id: z.string().max(256), kind: z.enum(['user', 'service']) });

/** What started a run: a registry event, a schedule's firing, or a person. */
export const PipelineRunTriggerSchema = z.object({
  kind: z.enum(['VersionCreated', 'AliasSet', 'StageTransitioned', 'schedule', 'manual']),
  /** The registry event's id, the schedule's firing id, or the manual command's id. */
  id: z.string().min(1).max(256),
  by: z.string().max(256).nullable(),
});
export type PipelineRunTrigger = z.infer<typeof PipelineRunTriggerSchema>;

export const PipelineDefined = defineMessage({
  type: 'PipelineDefined',
  schemaVersion: 1,
  description: "A model's pipeline (or the default, `*`) was declared; pipelineVersion counts its definitions from 1.",
  schema: z.object({
    model: PipelineScopeSchema,
    pipelineVersion: z.number().int().positive(),
    definition: PipelineDefinitionSchema,
  }),
});
export type PipelineDefinedData = z.infer<typeof PipelineDefined.schema>;

export const PipelineRunQueued = defineMessage({
  type: 'PipelineRunQueued',
  schemaVersion: 1,
  description: "A run waits for a slot: the model already has its pipeline's maxConcurrentRuns running.",
  schema: z.object({ ...Run, trigger: PipelineRunTriggerSchema, running: z.number().int().min(0) }),
});

export const PipelineRunStarted = defineMessage({
  type: 'PipelineRunStarted',
  schemaVersion: 1,
  description:
    'A run of a pipeline started for a version, with the definition (placeholders filled) it follows to the end.',
  schema: z.object({
    ...Run,
    modelId: z.string().max(64).nullable(),
    pipeline: z.object({ model: PipelineScopeSchema, pipelineVersion: z.number().int().min(0) }),
    trigger: PipelineRunTriggerSchema,
    parameters: PipelineParametersSchema,
    steps: z.array(PipelineStepSchema),
  }),
});
export type PipelineRunStartedData = z.infer<typeof PipelineRunStarted.schema>;

export const PipelineStepStarted = defineMessage({
  type: 'PipelineStepStarted',
  schemaVersion: 1,
  description:
    'A step began an attempt; commandId is the command it sent (deterministic: a replay sends the same id), null for gates and waits.',
  schema: z.object({ ...Step, type: z.string().max(32), commandId: z.string().max(128).nullable() }),
});

export const PipelineStepSucceeded = defineMessage({
  type: 'PipelineStepSucceeded',
  schemaVersion: 1,
  description: 'A step did what it was for; detail says what (the verdict, the stage, the deployment).',
  schema: z.object({ ...Step, detail: z.record(z.string(), z.unknown()).default({}) }),
});

export const PipelineStepFailed = defineMessage({
  type: 'PipelineStepFailed',
  schemaVersion: 1,
  description:
    'An attempt of a step failed (refused, rejected, timed out, a failing verdict); retryAt is when the next attempt starts (null: no more).',
  schema: z.object({ ...Step, reason: Reason, timedOut: z.boolean(), retryAt: z.iso.datetime().nullable() }),
});

export const PipelineStepSkipped = defineMessage({
  type: 'PipelineStepSkipped',
  schemaVersion: 1,
  description: 'A step will not run: its condition did not hold, a person skipped it, or its failure said skip.',
  schema: z.object({
    ...Run,
    stepId: StepIdSchema,
    cause: z.enum(['condition', 'manual', 'failure']),
    reason: Reason,
  }),
});

export const PipelineApprovalRecorded = defineMessage({
  type: 'PipelineApprovalRecorded',
  schemaVersion: 1,
  description: "One person's decision at an approval gate; approvals counts the distinct approvals so far of required.",
  schema: z.object({
    ...Run,
    stepId: StepIdSchema,
    decision: z.enum(['approved', 'rejected']),
    actor: Actor,
    comment: z.string().max(2000).nullable(),
    approvals: z.number().int().min(0),
    required: z.number().int().min(1),
  }),
});

export const PipelineStepCompensated = defineMessage({
  type: 'PipelineStepCompensated',
  schemaVersion: 1,
  description: 'What a succeeded step did was undone after a later failure (an alias moved back, a stage restored).',
  schema: z.object({ ...Run, stepId: StepIdSchema, action: Reason, commandId: z.string().max(128).nullable() }),
});

export const PipelineRunSucceeded = defineMessage({
  type: 'PipelineRunSucceeded',
  schemaVersion: 1,
  description: 'Every step of the run succeeded or was skipped.',
  schema: z.object({ ...Run, durationMs: z.number().int().min(0) }),
});

export const PipelineRunFailed = defineMessage({
  type: 'PipelineRunFailed',
  schemaVersion: 1,
  description: 'A step failed for good and its onFailure was fail or compensate; reason says which and why.',
  schema: z.object({ ...Run, stepId: StepIdSchema, reason: Reason, durationMs: z.number().int().min(0) }),
});

export const PipelineRunCancelled = defineMessage({
  type: 'PipelineRunCancelled',
  schemaVersion: 1,
  description: 'A run was stopped: by a person, or superseded by a run for a newer version.',
  schema: z.object({
    ...Run,
    reason: Reason,
    by: Actor.nullable(),
    supersededBy: RunIdSchema.nullable(),
    durationMs: z.number().int().min(0),
  }),
});

export const PIPELINE_RUN_ENDINGS = ['PipelineRunSucceeded', 'PipelineRunFailed', 'PipelineRunCancelled'] as const;
