import { z } from 'zod';
import { defineMessage } from '../catalog';
import { ModelNameSchema, VERSION_NUMBER_MAX, VersionNumberSchema } from '../registry/events';
import { PolicyChecksSchema } from './policy-checks';

export const ValidateModelVersion = defineMessage({
  type: 'ValidateModelVersion',
  schemaVersion: 1,
  description:
    "Validate a model version: under the model's current policy, or the named policy version; a dry run reports without a verdict.",
  schema: z.strictObject({
    name: ModelNameSchema,
    version: VersionNumberSchema,
    policyVersion: z.number().int().min(0).max(VERSION_NUMBER_MAX).optional(),
    dryRun: z.boolean().default(false),
  }),
});
export type ValidateModelVersionInput = z.infer<typeof ValidateModelVersion.schema>;

export const SetValidationPolicy = defineMessage({
  type: 'SetValidationPolicy',
  schemaVersion: 1,
  description: "Replace a registered model's validation policy with this list of checks.",
  schema: z.strictObject({
    name: ModelNameSchema,
    checks: PolicyChecksSchema,
  }),
});
export type SetValidationPolicyInput = z.infer<typeof SetValidationPolicy.schema>;
