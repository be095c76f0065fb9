import { z } from 'zod';
import { defineMessage } from '../catalog';
import { ModelNameSchema, VersionNumberSchema } from '../registry/events';
import {
  PipelineDefinitionSchema,
  PipelineParametersSchema,
  PipelineScopeSchema,
  StepIdSchema,
} from './pipeline-definition';

/** A pipeline run's id (a UUID, derived from what started it). */
export const RunIdSchema = z.string().min(1).max(64);
const Comment = z.string().max(2000).optional();
const RunStep = { runId: RunIdSchema, stepId: StepIdSchema };

export const DefinePipeline = defineMessage({
  type: 'DefinePipeline',
  schemaVersion: 1,
  description:
    "Declare a registered model's promotion pipeline (or the default, model `*`): its steps, triggers and limits. Runs already started keep the definition they started with.",
  schema: z.strictObject({ model: PipelineScopeSchema, definition: PipelineDefinitionSchema }),
});
export type DefinePipelineInput = z.infer<typeof DefinePipeline.schema>;

export const StartPipelineRun = defineMessage({
  type: 'StartPipelineRun',
  schemaVersion: 1,
  description: "Start a run of the model's pipeline for a version by hand, optionally overriding parameters.",
  schema: z.strictObject({
    name: ModelNameSchema,
    version: VersionNumberSchema,
    parameters: PipelineParametersSchema.default({}),
  }),
});
export type StartPipelineRunInput = z.infer<typeof StartPipelineRun.schema>;

export const ApprovePipelineStep = defineMessage({
  type: 'ApprovePipelineStep',
  schemaVersion: 1,
  description: 'Approve a waiting approval gate of a run, as the command’s actor, with a comment.',
  schema: z.strictObject({ ...RunStep, comment: Comment }),
});
export type ApprovePipelineStepInput = z.infer<typeof ApprovePipelineStep.schema>;

export const RejectPipelineStep = defineMessage({
  type: 'RejectPipelineStep',
  schemaVersion: 1,
  description: 'Reject a waiting approval gate: the step fails (what follows is the step’s onFailure).',
  schema: z.strictObject({ ...RunStep, comment: Comment }),
});
export type RejectPipelineStepInput = z.infer<typeof RejectPipelineStep.schema>;

export const CancelPipelineRun = defineMessage({
  type: 'CancelPipelineRun',
  schemaVersion: 1,
  description: 'Stop a run: nothing more is sent for it; what it already did stays done.',
  schema: z.strictObject({ runId: RunIdSchema, reason: Comment }),
});
export type CancelPipelineRunInput = z.infer<typeof CancelPipelineRun.schema>;

export const RetryPipelineStep = defineMessage({
  type: 'RetryPipelineStep',
  schemaVersion: 1,
  description: 'Run a failed step of a failed (or waiting) run again; the run goes on from there.',
  schema: z.strictObject(RunStep),
});
export type RetryPipelineStepInput = z.infer<typeof RetryPipelineStep.schema>;

export const SkipPipelineStep = defineMessage({
  type: 'SkipPipelineStep',
  schemaVersion: 1,
  description: 'Mark a waiting or failed step skipped; the steps that need it go on.',
  schema: z.strictObject({ ...RunStep, reason: Comment }),
});
export type SkipPipelineStepInput = z.infer<typeof SkipPipelineStep.schema>;
