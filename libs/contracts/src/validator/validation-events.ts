import { z } from 'zod';
import { defineMessage } from '../catalog';
import { ModelNameSchema } from '../registry/events';
import { CheckIdSchema, CheckResultSchema, ReportSummarySchema } from './check-results';
import { PolicyChecksSchema } from './policy-checks';

/** 0 is the default policy: the one that applies while none was ever set for the model. */
export const PolicyVersionSchema = z.number().int().min(0);

export const ValidationPolicySet = defineMessage({
  type: 'ValidationPolicySet',
  schemaVersion: 1,
  description:
    "A registered model's validation policy was set; policyVersion counts the model's policies from 1. Runs record the version they used.",
  schema: z.object({
    name: ModelNameSchema,
    policyVersion: z.number().int().positive(),
    checks: PolicyChecksSchema,
    /** How the policy was written when it was set. */
    format: z.enum(['json', 'yaml']),
  }),
});
export type ValidationPolicySetData = z.infer<typeof ValidationPolicySet.schema>;

const RunRef = {
  runId: z.uuid(),
  modelId: z.uuid(),
  name: ModelNameSchema,
  version: z.number().int().positive(),
};

export const RunTriggerSchema = z.object({
  kind: z.enum(['VersionCreated', 'ValidateModelVersion']),
  /** The event id, or the command's commandId: the run id is derived from it. */
  id: z.string().min(1).max(256),
});

export const ValidationStarted = defineMessage({
  type: 'ValidationStarted',
  schemaVersion: 1,
  description:
    'A validation run of a model version started, under the named policy version; its checks are listed in the order they are evaluated. A dry run ends without a verdict.',
  schema: z.object({
    ...RunRef,
    policyVersion: PolicyVersionSchema,
    checks: z.array(z.object({ id: CheckIdSchema, kind: z.string(), blocking: z.boolean() })),
    dryRun: z.boolean(),
    trigger: RunTriggerSchema,
    /** The version each baseline reference named when the run started (null: none). */
    baselines: z.array(z.object({ ref: z.string(), version: z.number().int().positive().nullable() })),
  }),
});
export type ValidationStartedData = z.infer<typeof ValidationStarted.schema>;

export const ValidationCheckCompleted = defineMessage({
  type: 'ValidationCheckCompleted',
  schemaVersion: 1,
  description: 'One check of a validation run was evaluated; index counts from 0 of total.',
  schema: z.object({
    ...RunRef,
    index: z.number().int().min(0),
    total: z.number().int().positive(),
    dryRun: z.boolean(),
    result: CheckResultSchema,
  }),
});
export type ValidationCheckCompletedData = z.infer<typeof ValidationCheckCompleted.schema>;

const verdict = { ...RunRef, policyVersion: PolicyVersionSchema, summary: ReportSummarySchema };

export const ValidationPassed = defineMessage({
  type: 'ValidationPassed',
  schemaVersion: 1,
  description: 'Every blocking check of the run passed: the version may be promoted on this evidence.',
  schema: z.object(verdict),
});
export type ValidationPassedData = z.infer<typeof ValidationPassed.schema>;

export const ValidationFailed = defineMessage({
  type: 'ValidationFailed',
  schemaVersion: 1,
  description:
    'At least one blocking check of the run did not pass (failed, inconclusive or error); summary.failedBlocking names them.',
  schema: z.object(verdict),
});
export type ValidationFailedData = z.infer<typeof ValidationFailed.schema>;
