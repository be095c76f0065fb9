import { z } from 'zod';
import { defineMessage } from '../catalog';
import { PrincipalNameSchema, RoleSchema } from '../identity/principal-events';
import { ModelNameSchema } from './events';
import { StageSchema } from './stages';

/**
 * MLflow's model-registry permissions, weakest to strongest: READ reads, EDIT changes versions,
 * tags, aliases and stages, MANAGE also deletes and grants. NO_PERMISSIONS hides the model.
 */
export const PERMISSIONS = ['NO_PERMISSIONS', 'READ', 'EDIT', 'MANAGE'] as const;
export type Permission = (typeof PERMISSIONS)[number];
export const PermissionSchema = z.enum(PERMISSIONS);

const ModelRef = { modelId: z.uuid(), name: ModelNameSchema };

/**
 * Which aliases and stages of a model only `approverRole` may set (W&B's protected aliases,
 * SageMaker's approval), and whether whoever registered a version may promote it there.
 */
export const ProtectionSchema = z.strictObject({
  // Repeats are refused by the decider; uniqueItems says so in documents.
  protectedAliases: z.array(z.string().min(1).max(256)).max(100).meta({ uniqueItems: true }).default([]),
  protectedStages: z
    .array(StageSchema.exclude(['None']))
    .max(3)
    .meta({ uniqueItems: true })
    .default([]),
  approverRole: RoleSchema.default('approver'),
  separationOfDuties: z.boolean().default(false),
});
export type Protection = z.infer<typeof ProtectionSchema>;

export const SetModelPermission = defineMessage({
  type: 'SetModelPermission',
  schemaVersion: 1,
  description: 'Grants a principal a permission on one registered model (replacing the one it had there).',
  schema: z.strictObject({ name: ModelNameSchema, principal: PrincipalNameSchema, permission: PermissionSchema }),
});

export const DeleteModelPermission = defineMessage({
  type: 'DeleteModelPermission',
  schemaVersion: 1,
  description: "Removes a principal's grant on a model: the default permission applies to it again.",
  schema: z.strictObject({ name: ModelNameSchema, principal: PrincipalNameSchema }),
});

export const SetModelProtection = defineMessage({
  type: 'SetModelProtection',
  schemaVersion: 1,
  description: "Replaces a model's protected aliases and stages policy.",
  schema: ProtectionSchema.extend({ name: ModelNameSchema }),
});

export const ModelPermissionSet = defineMessage({
  type: 'ModelPermissionSet',
  schemaVersion: 1,
  description: 'A principal was granted a permission on the model (the creator is granted MANAGE).',
  schema: z.object({ ...ModelRef, principal: PrincipalNameSchema, permission: PermissionSchema }),
});

export const ModelPermissionDeleted = defineMessage({
  type: 'ModelPermissionDeleted',
  schemaVersion: 1,
  description: "A principal's grant on the model was removed; the default permission applies to it again.",
  schema: z.object({ ...ModelRef, principal: PrincipalNameSchema }),
});

export const ModelProtectionSet = defineMessage({
  type: 'ModelProtectionSet',
  schemaVersion: 1,
  description: 'The protected aliases and stages policy of the model was replaced.',
  schema: z.object({
    ...ModelRef,
    protectedAliases: z.array(z.string().min(1).max(256)).max(100),
    protectedStages: z.array(StageSchema.exclude(['None'])).max(3),
    approverRole: RoleSchema,
    separationOfDuties: z.boolean(),
  }),
});

export type SetModelPermissionInput = z.infer<typeof SetModelPermission.schema>;
export type DeleteModelPermissionInput = z.infer<typeof DeleteModelPermission.schema>;
export type SetModelProtectionInput = z.infer<typeof SetModelProtection.schema>;
