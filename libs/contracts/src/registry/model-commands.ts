import { z } from 'zod';
import { defineMessage } from '../catalog';
import { DescriptionSchema, ModelNameSchema, TagKeySchema, TagValueSchema } from './events';

export const UpdateRegisteredModel = defineMessage({
  type: 'UpdateRegisteredModel',
  schemaVersion: 1,
  description: 'Rename a registered model (newName must be free) and/or replace its description, in one atomic change.',
  schema: z
    .strictObject({
      name: ModelNameSchema,
      newName: ModelNameSchema.optional(),
      description: DescriptionSchema.optional(),
    })
    .refine((c) => c.newName !== undefined || c.description !== undefined, 'give newName, description or both'),
});
export type UpdateRegisteredModelInput = z.infer<typeof UpdateRegisteredModel.schema>;

export const SetRegisteredModelTag = defineMessage({
  type: 'SetRegisteredModelTag',
  schemaVersion: 1,
  description:
    'Set a tag of a registered model. `primary_metric` and `primary_metric_goal` (max|min) steer the semantic version labels.',
  schema: z.strictObject({ name: ModelNameSchema, key: TagKeySchema, value: TagValueSchema }),
});
export type SetRegisteredModelTagInput = z.infer<typeof SetRegisteredModelTag.schema>;

export const DeleteRegisteredModelTag = defineMessage({
  type: 'DeleteRegisteredModelTag',
  schemaVersion: 1,
  description: 'Remove a tag of a registered model.',
  schema: z.strictObject({ name: ModelNameSchema, key: TagKeySchema }),
});
export type DeleteRegisteredModelTagInput = z.infer<typeof DeleteRegisteredModelTag.schema>;

export const DeleteRegisteredModel = defineMessage({
  type: 'DeleteRegisteredModel',
  schemaVersion: 1,
  description: 'Delete a registered model; its history stays in the log and its name becomes free.',
  schema: z.strictObject({ name: ModelNameSchema }),
});
export type DeleteRegisteredModelInput = z.infer<typeof DeleteRegisteredModel.schema>;
